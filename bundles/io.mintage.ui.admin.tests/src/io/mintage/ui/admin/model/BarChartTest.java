package io.mintage.ui.admin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The royalty chart's bars: in proportion, the largest filling the room, nothing owed never invisible. */
class BarChartTest {

	@Test
	void barsAreInProportionAndTheLargestFillsTheRoom() {
		Map<String, BigDecimal> owed = new LinkedHashMap<>();
		owed.put("Line 3", new BigDecimal("12.500"));
		owed.put("Line 4", new BigDecimal("5"));
		owed.put("Line 5", new BigDecimal("0.001"));
		owed.put("Line 6", BigDecimal.ZERO);
		List<BarChart.Bar> bars = BarChart.layout(owed, 400, 18, 8, amount -> amount.toPlainString() + " EUR");
		assertEquals(List.of(new BarChart.Bar("Line 3", "12.500 EUR", 0, 400), new BarChart.Bar("Line 4", "5 EUR", 26, 160),
				new BarChart.Bar("Line 5", "0.001 EUR", 52, 1), new BarChart.Bar("Line 6", "0 EUR", 78, 0)), bars);
	}

	@Test
	void nothingOwedDrawsNoBar() {
		assertEquals(List.of(new BarChart.Bar("Line 3", "0", 0, 0)),
				BarChart.layout(Map.of("Line 3", BigDecimal.ZERO), 400, 18, 8, BigDecimal::toPlainString));
		assertEquals(List.of(), BarChart.layout(Map.of(), 400, 18, 8, BigDecimal::toPlainString));
	}
}
