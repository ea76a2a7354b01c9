package io.mintage.admin.royalty;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mintage.admin.royalty.internal.HelveticaWidths;
import io.mintage.admin.royalty.internal.PdfDocument;

/**
 * A royalty statement as a PDF for people: a heading (authority, period, issue time), a table of every
 * station and product with devices, royalty per device and amount, the total, and a bar chart of what
 * each station owes. A4, as many pages as the table needs, each numbered "page N of M".
 */
public final class StatementPdf {

	private static final float LEFT = 50;
	private static final float RIGHT = PdfDocument.WIDTH - 50;
	private static final float TOP = PdfDocument.HEIGHT - 60;
	private static final float BOTTOM = 70;
	private static final float ROW = 15;
	private static final float SIZE = 9;
	/* column layout: station and product left-aligned, numbers right-aligned at these x */
	private static final float PRODUCT_X = 210;
	private static final float DEVICES_RIGHT = 395;
	private static final float PER_DEVICE_RIGHT = 470;
	private static final float STATION_WIDTH = PRODUCT_X - LEFT - 8;
	private static final float PRODUCT_WIDTH = 320 - PRODUCT_X;
	private static final int BARS = 25;

	private StatementPdf() {
	}

	public static void write(RoyaltyStatement statement, OutputStream out) throws IOException {
		String currency = statement.currency().getCurrencyCode();
		PdfDocument pdf = new PdfDocument("Royalty statement " + statement.from() + " to " + statement.to(),
				statement.issued());
		PdfDocument.Page page = heading(pdf, statement);
		float y = tableHead(page, TOP - 70, currency);
		for (RoyaltyLine line : statement.lines()) {
			if (y < BOTTOM + ROW) {
				page = heading(pdf, statement);
				y = tableHead(page, TOP - 70, currency);
			}
			page.text(LEFT, y, SIZE, false, HelveticaWidths.fit(line.station(), STATION_WIDTH, SIZE, false));
			page.text(PRODUCT_X, y, SIZE, false, HelveticaWidths.fit(line.product(), PRODUCT_WIDTH, SIZE, false));
			page.textRight(DEVICES_RIGHT, y, SIZE, false, Long.toString(line.devices()));
			page.textRight(PER_DEVICE_RIGHT, y, SIZE, false, statement.format(line.perDevice()));
			page.textRight(RIGHT, y, SIZE, false, statement.format(line.amount()));
			y -= ROW;
		}
		page.line(LEFT, y + ROW - 4, RIGHT, y + ROW - 4, 0.8f);
		page.text(LEFT, y - 2, SIZE + 1, true, "Total");
		page.textRight(DEVICES_RIGHT, y - 2, SIZE + 1, true, Long.toString(statement.devices()));
		page.textRight(RIGHT, y - 2, SIZE + 1, true, statement.format(statement.total()) + " " + currency);
		y -= 3 * ROW;

		Map<String, BigDecimal> byStation = chartBars(statement.totalsByStation());
		float chartHeight = 30 + byStation.size() * (ROW + 2);
		if (y - chartHeight < BOTTOM) {
			page = heading(pdf, statement);
			y = TOP - 70;
		}
		chart(page, y, byStation, statement, currency);

		int pages = pdf.pageCount();
		// page numbers once the count is known: each page's footer is drawn last
		for (int i = 0; i < pages; i++) {
			pdf.page(i).textRight(RIGHT, BOTTOM - 30, 8, false, "page " + (i + 1) + " of " + pages);
		}
		pdf.write(out);
	}

	/** The stations by amount, largest first; past {@value #BARS} the rest summed as "N other stations". */
	private static Map<String, BigDecimal> chartBars(Map<String, BigDecimal> byStation) {
		List<Map.Entry<String, BigDecimal>> sorted = byStation.entrySet().stream()
				.sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
				.toList();
		Map<String, BigDecimal> bars = new LinkedHashMap<>();
		int shown = sorted.size() > BARS ? BARS - 1 : sorted.size();
		sorted.subList(0, shown).forEach(e -> bars.put(e.getKey(), e.getValue()));
		if (shown < sorted.size()) {
			bars.put((sorted.size() - shown) + " other stations", sorted.subList(shown, sorted.size()).stream()
					.map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add));
		}
		return bars;
	}

	private static PdfDocument.Page heading(PdfDocument pdf, RoyaltyStatement statement) {
		PdfDocument.Page page = pdf.newPage();
		page.text(LEFT, TOP, 16, true, "Royalty statement");
		page.text(LEFT, TOP - 20, 10, false, "Issued by " + statement.authority());
		page.text(LEFT, TOP - 34, 10, false, "Period: " + statement.from() + " to " + statement.to() + " (both included)");
		page.text(LEFT, TOP - 48, 10, false, "Made " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
				.format(statement.issued().atOffset(ZoneOffset.UTC)) + " by Mintage from the accepted production reports");
		return page;
	}

	private static float tableHead(PdfDocument.Page page, float y, String currency) {
		page.text(LEFT, y, SIZE, true, "Station");
		page.text(PRODUCT_X, y, SIZE, true, "Product");
		page.textRight(DEVICES_RIGHT, y, SIZE, true, "Devices");
		page.textRight(PER_DEVICE_RIGHT, y, SIZE, true, "Per device");
		page.textRight(RIGHT, y, SIZE, true, "Amount " + currency);
		page.line(LEFT, y - 4, RIGHT, y - 4, 0.8f);
		return y - ROW - 2;
	}

	/**
	 * Horizontal bars, largest first, each as long as its share of the largest amount; beyond
	 * {@value #BARS} stations the smallest are one bar, so the chart stays on one page and readable.
	 */
	private static void chart(PdfDocument.Page page, float y, Map<String, BigDecimal> bars,
			RoyaltyStatement statement, String currency) {
		page.text(LEFT, y, 11, true, "Royalty by station (" + currency + ")");
		y -= ROW + 6;
		BigDecimal largest = bars.values().stream().max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
		float barLeft = PRODUCT_X;
		float barSpace = PER_DEVICE_RIGHT - barLeft;
		for (Map.Entry<String, BigDecimal> station : bars.entrySet()) {
			page.text(LEFT, y, SIZE, false, HelveticaWidths.fit(station.getKey(), STATION_WIDTH, SIZE, false));
			float share = largest.signum() == 0 ? 0 : station.getValue().floatValue() / largest.floatValue();
			page.box(barLeft, y - 2, Math.max(1, share * barSpace), ROW - 4, 0.20f, 0.45f, 0.75f);
			page.textRight(RIGHT, y, SIZE, false, statement.format(station.getValue()));
			y -= ROW + 2;
		}
	}
}
