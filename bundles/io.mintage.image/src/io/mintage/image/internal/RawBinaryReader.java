package io.mintage.image.internal;

import org.osgi.service.component.annotations.Component;

import io.mintage.core.image.FirmwareImage;
import io.mintage.core.image.ImageBuilder;
import io.mintage.core.image.ImageFormatException;
import io.mintage.core.image.Segment;
import io.mintage.core.image.SourceLocation;
import io.mintage.image.ImageReader;
import io.mintage.image.ReadOptions;

/**
 * A raw binary file: the bytes as they go to memory, from the base address on (0 when none is given;
 * the loader tells the caller it assumed that). It has no signature, so it is never recognised by
 * content, only by its extension or an explicit format.
 */
@Component(service = ImageReader.class, property = ImageReader.FORMAT + "=bin")
public final class RawBinaryReader implements ImageReader {

	@Override
	public String formatId() {
		return "bin";
	}

	@Override
	public String formatName() {
		return "raw binary";
	}

	@Override
	public boolean recognizes(String fileName, byte[] head) {
		return false;
	}

	@Override
	public FirmwareImage read(String fileName, byte[] content, ReadOptions options) throws ImageFormatException {
		if (content.length == 0) {
			throw new ImageFormatException(fileName, SourceLocation.offset(0), "the file is empty");
		}
		long base = options.baseAddress().orElse(0);
		long end = base + content.length;
		if (end > Segment.ADDRESS_LIMIT) {
			throw new ImageFormatException(fileName, SourceLocation.offset(Segment.ADDRESS_LIMIT - base), String.format(
					"placed at 0x%08X, the file's %d bytes would end at 0x%X, beyond the 32-bit address space",
					base, content.length, end - 1));
		}
		return new ImageBuilder(fileName, formatName()).erasedValue(options.erasedValue())
				.add(base, content, SourceLocation.offset(0)).build();
	}
}
