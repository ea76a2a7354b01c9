package io.mintage.admin.royalty.internal;

/**
 * Widths of Helvetica's glyphs, in thousandths of the font size, for placing text: exact for what is
 * right-aligned (digits 556, full stop and comma 278, space 278, hyphen 333 in both Helvetica and
 * Helvetica-Bold's digits 556), and on the wide side for letters, so text cut to a column never runs
 * into the next one.
 */
public final class HelveticaWidths {

	private HelveticaWidths() {
	}

	public static float width(String text, float size, boolean bold) {
		int units = 0;
		for (int i = 0; i < text.length(); i++) {
			units += units(text.charAt(i), bold);
		}
		return units * size / 1000f;
	}

	/** The longest start of {@code text} that fits {@code width}, with "..." when cut. */
	public static String fit(String text, float width, float size, boolean bold) {
		if (width(text, size, bold) <= width) {
			return text;
		}
		String cut = text;
		while (!cut.isEmpty() && width(cut + "...", size, bold) > width) {
			cut = cut.substring(0, cut.length() - 1);
		}
		return cut + "...";
	}

	private static int units(char c, boolean bold) {
		if (c >= '0' && c <= '9') {
			return 556;
		}
		switch (c) {
		case ' ', '.', ',', ':', ';', '!', '\'', '|', 'i', 'l', 'j', 'I':
			return 278;
		case '-':
			return 333;
		case 'W', 'M', 'm', 'w', '@', '%':
			return bold ? 1000 : 944;
		default:
			if (Character.isUpperCase(c)) {
				return 778;
			}
			if (Character.isLowerCase(c)) {
				return bold ? 611 : 556;
			}
			return 667;
		}
	}
}
