package io.mintage.image.internal;

import io.mintage.core.image.ImageFormatException;
import io.mintage.image.ReadOptions;

/** Checks every reader of a format with its own addresses makes. */
final class ReaderChecks {

	private ReaderChecks() {
	}

	/**
	 * The loader already refuses a base address for these formats; readers refuse it too for callers
	 * that use them directly, since ignoring an address the user gave would put firmware somewhere else.
	 */
	static void refuseBaseAddress(String fileName, ReadOptions options, String formatName)
			throws ImageFormatException {
		if (options.baseAddress().isPresent()) {
			throw new ImageFormatException(fileName, null,
					"a base address applies to raw binary files only; " + formatName + " states its own addresses");
		}
	}
}
