package io.mintage.ui.admin.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the bars of a horizontal bar chart go — one per station, its length in proportion to what the
 * station owes — so the view only draws rectangles and texts. The longest bar fills the room left after
 * the labels; a bar of a non-zero amount is at least one pixel, so nothing owed disappears.
 */
public final class BarChart {

	/** One bar: its label and amount as written, where it is. */
	public record Bar(String label, String amount, int y, int length) {
		public Bar {
			Objects.requireNonNull(label, "label");
			Objects.requireNonNull(amount, "amount");
		}
	}

	private BarChart() {
	}

	/**
	 * The bars of {@code values} (in their order), each {@code barHeight} high with {@code gap} between,
	 * from the top; lengths out of {@code room} pixels.
	 *
	 * @param format how an amount is written beside its bar
	 */
	public static List<Bar> layout(Map<String, BigDecimal> values, int room, int barHeight, int gap,
			Function<BigDecimal, String> format) {
		BigDecimal largest = values.values().stream().max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
		List<Bar> bars = new ArrayList<>();
		int y = 0;
		for (Map.Entry<String, BigDecimal> entry : values.entrySet()) {
			int length = 0;
			if (largest.signum() > 0 && entry.getValue().signum() > 0) {
				length = entry.getValue().multiply(BigDecimal.valueOf(Math.max(room, 1)))
						.divide(largest, 0, RoundingMode.HALF_UP).intValue();
				length = Math.max(1, length);
			}
			bars.add(new Bar(entry.getKey(), format.apply(entry.getValue()), y, length));
			y += barHeight + gap;
		}
		return bars;
	}
}
