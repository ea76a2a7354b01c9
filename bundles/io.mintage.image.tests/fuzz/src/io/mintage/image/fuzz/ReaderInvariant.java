package io.mintage.image.fuzz;

import java.util.Arrays;
import java.util.List;

import io.mintage.core.image.FirmwareImage;
import io.mintage.core.image.ImageFormatException;
import io.mintage.core.image.Segment;
import io.mintage.image.ImageReader;
import io.mintage.image.ReadOptions;

/**
 * What every reader promises on any input: an image that keeps the {@link FirmwareImage} rules, or an
 * {@link ImageFormatException} naming the file. Anything else thrown is a finding for the fuzzer.
 */
final class ReaderInvariant {

	/** Digests walk the whole span; above this they would cost seconds per input and slow fuzzing down. */
	private static final long DIGEST_SPAN_LIMIT = 1 << 20;
	private static final int SNIFF_LENGTH = 512;

	private ReaderInvariant() {
	}

	static void check(ImageReader reader, String fileName, byte[] content, ReadOptions options) {
		reader.recognizes(fileName, Arrays.copyOf(content, Math.min(content.length, SNIFF_LENGTH)));
		FirmwareImage image;
		try {
			image = reader.read(fileName, content, options);
		} catch (ImageFormatException e) {
			if (!e.getMessage().startsWith(fileName) || e.problem().isBlank()) {
				throw new IllegalStateException("an error must name the file and the problem: " + e.getMessage(), e);
			}
			return;
		}
		checkImage(image, options);
	}

	private static void checkImage(FirmwareImage image, ReadOptions options) {
		List<Segment> segments = image.segments();
		if (segments.isEmpty() || image.erasedValue() != options.erasedValue()) {
			throw new IllegalStateException("a read image has segments and the erased value asked for: " + image);
		}
		long previousEnd = -1;
		for (Segment segment : segments) {
			if (segment.address() <= previousEnd || segment.end() > Segment.ADDRESS_LIMIT) {
				throw new IllegalStateException("segments must be sorted, apart and inside 32 bits: " + segments);
			}
			previousEnd = segment.end();
		}
		if (image.span() < DIGEST_SPAN_LIMIT) {
			image.crc32();
			image.sha256();
		}
		image.toString();
	}
}
