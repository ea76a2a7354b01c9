package io.mintage.probe.lpcisp.internal;

/**
 * Code Read Protection of the LPC11xx: a word in flash at 0x2FC, part of sector 0's content, that the
 * boot ROM reads at reset. A value other than the four patterns below means no protection. The level
 * takes effect at the next reset, not when the word is written.
 */
public final class CodeReadProtection {

	/** Where the CRP word lives (inside sector 0). */
	public static final int ADDRESS = 0x2FC;

	public static final int CRP1 = 0x12345678;
	public static final int CRP2 = 0x87654321;
	/** Permanent in practice: ISP entry by pin is gone while valid code is present. */
	public static final int CRP3 = 0x43218765;
	/** Not a protection: the ISP pin is not sampled. */
	public static final int NO_ISP = 0x4E697370;

	private CodeReadProtection() {
	}

	/** The word for CRP level 1 or 2; level 3 and others are refused in plain words. */
	public static int word(int level) {
		return switch (level) {
		case 1 -> CRP1;
		case 2 -> CRP2;
		case 3 -> throw new IllegalArgumentException("CRP3 locks the chip for good (no ISP, no SWD while the "
				+ "code is valid): Mintage does not set it");
		default -> throw new IllegalArgumentException("the LPC11xx has code read protection levels 1 and 2 "
				+ "(and CRP3, which Mintage does not set), not " + level);
		};
	}

	/** The level a CRP word means: 0 for none, 1..3; NO_ISP counts as 0. */
	public static int level(int word) {
		return switch (word) {
		case CRP1 -> 1;
		case CRP2 -> 2;
		case CRP3 -> 3;
		default -> 0;
		};
	}
}
