package io.mintage.admin.royalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Royalty statements: exact amounts, the CSV a script reads, and a PDF that a real reader (poppler's
 * pdfinfo and pdftotext, installed by ./mintage test) opens and whose text holds every line and the total.
 */
class RoyaltyStatementTest {

	private static final Instant ISSUED = Instant.parse("2026-12-01T09:30:00Z");

	@TempDir
	Path work;

	private static RoyaltyStatement statement(List<RoyaltyLine> lines) {
		return new RoyaltyStatement("Acme Authority", LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"),
				Currency.getInstance("EUR"), lines, ISSUED);
	}

	@Test
	void amountsAreExactWhateverTheRoyaltyPerDevice() {
		// 0.1 has no exact double: 3 x 0.1 would be 0.30000000000000004 there
		RoyaltyStatement s = statement(List.of(new RoyaltyLine("Line 3", "Sensor (4242)", 3, new BigDecimal("0.1")),
				new RoyaltyLine("Line 1", "Valve (100)", 47, new BigDecimal("0.125")),
				new RoyaltyLine("Line 3", "Valve (100)", 1_000_000, new BigDecimal("1.35"))));
		assertEquals(0, new BigDecimal("1350006.175").compareTo(s.total()), s.total().toPlainString());
		assertEquals(1_000_050, s.devices());
		assertEquals("0.30", s.format(s.lines().get(1).amount()), "sorted: Line 1 first, then Line 3's Sensor");
		assertEquals("5.875", s.format(new BigDecimal("5.875")), "more digits than the currency's are kept");
		assertEquals("1350006.175", s.format(s.total()));
		assertEquals(List.of("Line 1", "Line 3"), List.copyOf(s.totalsByStation().keySet()));
		assertEquals("1350000.30", s.format(s.totalsByStation().get("Line 3")));
		assertThrows(IllegalArgumentException.class, () -> new RoyaltyLine("x", "y", -1, BigDecimal.ONE));
		assertThrows(IllegalArgumentException.class, () -> new RoyaltyStatement("a", LocalDate.parse("2026-11-30"),
				LocalDate.parse("2026-11-01"), Currency.getInstance("EUR"), List.of(), ISSUED));
	}

	@Test
	void csvHasAHeaderARowPerStationAndProductAndTheTotal() throws IOException {
		RoyaltyStatement s = statement(List.of(new RoyaltyLine("Line 3, Shenzhen", "Sensor \"S\" (4242)", 50,
				new BigDecimal("0.35")), new RoyaltyLine("Line 1", "Valve (100)", 7, new BigDecimal("2"))));
		StringWriter out = new StringWriter();
		StatementCsv.write(s, out);
		assertEquals("station,product,devices,royalty_per_device,amount,currency\r\n"
				+ "Line 1,Valve (100),7,2.00,14.00,EUR\r\n"
				+ "\"Line 3, Shenzhen\",\"Sensor \"\"S\"\" (4242)\",50,0.35,17.50,EUR\r\n"
				+ "TOTAL,,57,,31.50,EUR\r\n", out.toString());
	}

	@Test
	void pdfOpensInARealReaderAndHoldsEveryLineAndTheTotal() throws Exception {
		List<RoyaltyLine> lines = new ArrayList<>();
		for (int i = 1; i <= 70; i++) {
			lines.add(new RoyaltyLine(String.format("Station %02d", i), "Sensor (4242)", 100L * i, new BigDecimal("0.35")));
		}
		lines.add(new RoyaltyLine("A station with a name far too long for its column (Shenzhen)", "Valve (100)", 3,
				new BigDecimal("1.25")));
		RoyaltyStatement s = statement(lines);
		Path pdf = work.resolve("statement.pdf");
		try (OutputStream out = Files.newOutputStream(pdf)) {
			StatementPdf.write(s, out);
		}
		String info = run("pdfinfo", pdf.toString());
		assertTrue(info.matches("(?s).*Pages:\\s+3\n.*"), "70 lines fill two pages; the chart takes a third: " + info);
		assertTrue(info.matches("(?s).*Title:\\s+Royalty statement 2026-11-01 to 2026-11-30\n.*"), info);
		String text = run("pdftotext", "-layout", pdf.toString(), "-");
		assertTrue(text.contains("Royalty statement"), text);
		assertTrue(text.contains("Issued by Acme Authority"), text);
		assertTrue(text.contains("Period: 2026-11-01 to 2026-11-30 (both included)"), text);
		for (int i = 1; i <= 70; i++) {
			String amount = new BigDecimal("0.35").multiply(BigDecimal.valueOf(100L * i)).setScale(2).toPlainString();
			assertTrue(text.matches("(?s).*Station " + String.format("%02d", i) + "\\s+Sensor \\(4242\\)\\s+" + (100 * i)
					+ "\\s+0\\.35\\s+" + amount.replace(".", "\\.") + "\n.*"), "the row of station " + i + " in:\n" + text);
		}
		assertTrue(text.contains("A station with") && !text.contains("Shenzhen"), "a long name is cut to its column: " + text);
		assertTrue(text.matches("(?s).*Total\\s+248503\\s+86978\\.75 EUR.*"), text);
		assertTrue(text.contains("Royalty by station (EUR)"), text);
		assertTrue(text.matches("(?s).*Station 70\\s+2450\\.00\n.*"), "the largest first in the chart: " + text);
		assertTrue(text.matches("(?s).*47 other stations\\s+\\d+\\.\\d\\d\n.*"), "the 47 smallest as one bar: " + text);
		assertTrue(text.contains("page 3 of 3"), text);
	}

	private static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] out = process.getInputStream().readAllBytes();
		assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
		String text = new String(out, StandardCharsets.UTF_8);
		assertEquals(0, process.exitValue(), String.join(" ", command) + " failed: " + text
				+ " (./mintage test installs poppler-utils)");
		return text;
	}
}
