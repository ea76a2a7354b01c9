package io.mintage.admin.royalty.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small PDF 1.4 writer for text, lines and filled boxes on A4 pages with the standard Helvetica fonts
 * (no font embedded: every PDF reader has them). Enough for statements; coordinates in points from the
 * bottom left corner, as PDF has them. Text is WinAnsi: characters outside it are written as '?'.
 */
public final class PdfDocument {

	public static final float WIDTH = 595.28f;
	public static final float HEIGHT = 841.89f;

	/** One page's content stream, built with the drawing calls. */
	public final class Page {

		private final StringBuilder content = new StringBuilder();

		public Page text(float x, float y, float size, boolean bold, String text) {
			content.append(String.format(Locale.ROOT, "BT /%s %.1f Tf %.2f %.2f Td (%s) Tj ET%n", bold ? "F2" : "F1", size,
					x, y, escape(text)));
			return this;
		}

		/** Text whose right end is at {@code right}. */
		public Page textRight(float right, float y, float size, boolean bold, String text) {
			return text(right - HelveticaWidths.width(text, size, bold), y, size, bold, text);
		}

		public Page line(float x1, float y1, float x2, float y2, float width) {
			content.append(String.format(Locale.ROOT, "%.2f w %.2f %.2f m %.2f %.2f l S%n", width, x1, y1, x2, y2));
			return this;
		}

		/** A box filled with an RGB colour, components 0..1. */
		public Page box(float x, float y, float width, float height, float red, float green, float blue) {
			content.append(String.format(Locale.ROOT, "q %.3f %.3f %.3f rg %.2f %.2f %.2f %.2f re f Q%n", red, green, blue,
					x, y, width, height));
			return this;
		}
	}

	private final String title;
	private final Instant created;
	private final List<Page> pages = new ArrayList<>();

	public PdfDocument(String title, Instant created) {
		this.title = title;
		this.created = created;
	}

	public Page newPage() {
		Page page = new Page();
		pages.add(page);
		return page;
	}

	public Page page(int index) {
		return pages.get(index);
	}

	public int pageCount() {
		return pages.size();
	}

	/**
	 * Objects: 1 catalog, 2 page tree, 3 and 4 the fonts, 5 the document information, then a page and
	 * its content stream for each page; a cross-reference table with every object's byte offset.
	 */
	public void write(OutputStream out) throws IOException {
		if (pages.isEmpty()) {
			throw new IllegalStateException("a PDF has at least one page");
		}
		ByteArrayOutputStream pdf = new ByteArrayOutputStream();
		List<Integer> offsets = new ArrayList<>();
		put(pdf, "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
		StringBuilder kids = new StringBuilder();
		for (int i = 0; i < pages.size(); i++) {
			kids.append(6 + 2 * i).append(" 0 R ");
		}
		object(pdf, offsets, "<< /Type /Catalog /Pages 2 0 R >>");
		object(pdf, offsets, "<< /Type /Pages /Kids [" + kids.toString().trim() + "] /Count " + pages.size() + " >>");
		object(pdf, offsets, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
		object(pdf, offsets, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
		String date = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).format(created.atOffset(ZoneOffset.UTC));
		object(pdf, offsets, "<< /Title (" + escape(title) + ") /Producer (Mintage) /CreationDate (D:" + date + "Z) >>");
		for (int i = 0; i < pages.size(); i++) {
			object(pdf, offsets, String.format(Locale.ROOT,
					"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >>"
							+ " /Contents %d 0 R >>", WIDTH, HEIGHT, 7 + 2 * i));
			byte[] stream = pages.get(i).content.toString().getBytes(StandardCharsets.ISO_8859_1);
			offsets.add(pdf.size());
			put(pdf, offsets.size() + " 0 obj\n<< /Length " + stream.length + " >>\nstream\n");
			pdf.write(stream);
			put(pdf, "endstream\nendobj\n");
		}
		int xref = pdf.size();
		StringBuilder table = new StringBuilder("xref\n0 " + (offsets.size() + 1) + "\n0000000000 65535 f \n");
		for (int offset : offsets) {
			table.append(String.format(Locale.ROOT, "%010d 00000 n \n", offset));
		}
		table.append("trailer\n<< /Size ").append(offsets.size() + 1).append(" /Root 1 0 R /Info 5 0 R >>\nstartxref\n")
				.append(xref).append("\n%%EOF\n");
		put(pdf, table.toString());
		pdf.writeTo(out);
		out.flush();
	}

	private static void object(ByteArrayOutputStream pdf, List<Integer> offsets, String body) {
		offsets.add(pdf.size());
		put(pdf, offsets.size() + " 0 obj\n" + body + "\nendobj\n");
	}

	private static void put(ByteArrayOutputStream pdf, String text) {
		pdf.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	/** A PDF literal string's body: backslash and parentheses escaped, outside WinAnsi as '?'. */
	static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' || c == '(' || c == ')') {
				out.append('\\').append(c);
			} else if (c >= 0x20 && c <= 0x7E || c >= 0xA0 && c <= 0xFF) {
				out.append(c);
			} else {
				out.append('?');
			}
		}
		return out.toString();
	}
}
