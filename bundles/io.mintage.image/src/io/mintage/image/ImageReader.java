package io.mintage.image;

import io.mintage.core.image.FirmwareImage;
import io.mintage.core.image.ImageFormatException;

/**
 * Reads one firmware file format into a {@link FirmwareImage}. Readers are OSGi services carrying
 * {@link #FORMAT}; the {@link FirmwareImageLoader} picks one per file.
 * <p>
 * Contract every implementation keeps, whatever the input: {@link #read} either returns an image or
 * throws {@link ImageFormatException} naming the file, the place (line or byte offset) and the
 * problem. No other exception escapes, because the input is a file a user picked, not program state.
 */
public interface ImageReader {

	/** Service property holding {@link #formatId()}, so a format can be required by a filter. */
	String FORMAT = "mintage.image.format";

	/** Short id the user types after {@code --format}: "ihex", "srec", "elf" or "bin". */
	String formatId();

	/** Name for people, e.g. "Intel HEX". */
	String formatName();

	/**
	 * Whether the first bytes of a file look like this format. Only formats with a recognisable
	 * shape answer true; raw binary never does, since any bytes are valid raw binary.
	 *
	 * @param fileName the file name, for formats that could only be told by name (the built-in ones
	 *                 look at the content alone; the loader maps extensions itself)
	 * @param head     the first bytes of the file, possibly all of it, possibly empty
	 */
	boolean recognizes(String fileName, byte[] head);

	/**
	 * @param fileName the file name as the user gave it, used in every error message
	 * @param content  the whole file
	 */
	FirmwareImage read(String fileName, byte[] content, ReadOptions options) throws ImageFormatException;
}
