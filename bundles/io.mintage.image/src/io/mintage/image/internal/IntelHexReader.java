package io.mintage.image.internal;

import java.util.Arrays;

import org.osgi.service.component.annotations.Component;

import io.mintage.core.image.FirmwareImage;
import io.mintage.core.image.ImageBuilder;
import io.mintage.core.image.ImageFormatException;
import io.mintage.core.image.SourceLocation;
import io.mintage.image.ImageReader;
import io.mintage.image.ReadOptions;

/**
 * Intel HEX (I8HEX, I16HEX and I32HEX): lines {@code :LLAAAATT<data>CC}.
 * <p>
 * Addressing: a type 04 record sets the upper 16 bits of the address of the data records after it, and
 * a record crossing a 64 KiB boundary simply goes on into the next 64 KiB, as GNU objcopy and the
 * vendor tools read it. A type 02 record sets a segment (address = segment * 16 + offset) and there the
 * Intel specification makes the offset wrap to 0000 inside the segment, so that is what happens. The
 * last of 02 and 04 decides, each cancelling the other. With neither, addresses are linear from 0.
 */
@Component(service = ImageReader.class, property = ImageReader.FORMAT + "=ihex")
public final class IntelHexReader implements ImageReader {

	private static final int DATA = 0x00;
	private static final int END_OF_FILE = 0x01;
	private static final int EXTENDED_SEGMENT_ADDRESS = 0x02;
	private static final int START_SEGMENT_ADDRESS = 0x03;
	private static final int EXTENDED_LINEAR_ADDRESS = 0x04;
	private static final int START_LINEAR_ADDRESS = 0x05;

	/** Count, two address bytes, type and checksum: a record without data. */
	private static final int RECORD_OVERHEAD = 5;
	private static final int SEGMENT_SIZE = 0x10000;

	@Override
	public String formatId() {
		return "ihex";
	}

	@Override
	public String formatName() {
		return "Intel HEX";
	}

	@Override
	public boolean recognizes(String fileName, byte[] head) {
		int first = TextLine.skipBlanks(head);
		return first < head.length && head[first] == ':' && TextLine.startsWithHexDigits(head, first + 1);
	}

	@Override
	public FirmwareImage read(String fileName, byte[] content, ReadOptions options) throws ImageFormatException {
		ReaderChecks.refuseBaseAddress(fileName, options, formatName());
		ImageBuilder image = new ImageBuilder(fileName, formatName()).erasedValue(options.erasedValue());
		Addressing addressing = new Addressing();
		StartAddress start = new StartAddress();
		TextLine endOfFile = null;
		int lastLine = 1;
		for (TextLine line : TextLine.lines(fileName, content)) {
			lastLine = line.number();
			if (line.isBlank()) {
				continue;
			}
			if (endOfFile != null) {
				throw line.problem("data after the end-of-file record on line " + endOfFile.number());
			}
			HexRecord record = HexRecord.parse(line);
			switch (record.type) {
			case DATA -> addData(image, addressing, record, line);
			case END_OF_FILE -> endOfFile = line;
			case EXTENDED_SEGMENT_ADDRESS -> addressing.useSegment(record.wordAt(0) << 4);
			case EXTENDED_LINEAR_ADDRESS -> addressing.useLinear(record.wordAt(0) << 16);
			// CS:IP as a real-mode address; the record holds CS first, then IP.
			case START_SEGMENT_ADDRESS -> start.set(record.wordAt(0) * 16 + record.wordAt(2), line);
			case START_LINEAR_ADDRESS -> start.set(record.wordAt(0) << 16 | record.wordAt(2), line);
			default -> throw new IllegalStateException("HexRecord.parse lets only known types through");
			}
		}
		if (endOfFile == null) {
			throw new ImageFormatException(fileName, SourceLocation.line(lastLine),
					"the file ends without an end-of-file record (:00000001FF), so it may be cut short");
		}
		if (image.isEmpty()) {
			throw endOfFile.problem("the file holds no data records before its end-of-file record");
		}
		if (start.address != null) {
			image.entryPoint(start.address);
		}
		return image.build();
	}

	private static void addData(ImageBuilder image, Addressing addressing, HexRecord record, TextLine line)
			throws ImageFormatException {
		if (!addressing.segmented) {
			image.add(addressing.base + record.offset, record.data, line.location());
			return;
		}
		int beforeWrap = Math.min(record.data.length, SEGMENT_SIZE - record.offset);
		image.add(addressing.base + record.offset, Arrays.copyOf(record.data, beforeWrap), line.location());
		image.add(addressing.base, Arrays.copyOfRange(record.data, beforeWrap, record.data.length), line.location());
	}

	/** Where data records go: the base set by the last 02 or 04 record, and whether offsets wrap at 64 KiB. */
	private static final class Addressing {
		long base;
		boolean segmented;

		void useSegment(long segmentBase) {
			base = segmentBase;
			segmented = true;
		}

		void useLinear(long linearBase) {
			base = linearBase;
			segmented = false;
		}
	}

	/** The start address, which may be given more than once but only with one value. */
	private static final class StartAddress {
		Long address;
		TextLine line;

		void set(long newAddress, TextLine newLine) throws ImageFormatException {
			if (address != null && address != newAddress) {
				throw newLine.problem(String.format(
						"start address 0x%08X contradicts the start address 0x%08X on line %d", newAddress, address,
						line.number()));
			}
			address = newAddress;
			line = newLine;
		}
	}

	/** One record, its checksum and its length for its type checked. */
	private static final class HexRecord {
		final int offset;
		final int type;
		final byte[] data;

		private HexRecord(int offset, int type, byte[] data) {
			this.offset = offset;
			this.type = type;
			this.data = data;
		}

		static HexRecord parse(TextLine line) throws ImageFormatException {
			if (line.at(0) != ':') {
				throw line.problem(
						"a record starts with ':', but this line starts with " + TextLine.describe(line.at(0)));
			}
			byte[] bytes = line.hexBytesFrom(1);
			if (bytes.length < RECORD_OVERHEAD) {
				throw line.problem("the record is cut short: it holds " + bytes.length
						+ " bytes, but count, address, type and checksum alone take " + RECORD_OVERHEAD);
			}
			int count = bytes[0] & 0xFF;
			int dataBytes = bytes.length - RECORD_OVERHEAD;
			if (count != dataBytes) {
				throw line.problem("the byte count says " + count + " data bytes, but the line holds " + dataBytes);
			}
			int sum = 0;
			for (int i = 0; i < bytes.length - 1; i++) {
				sum += bytes[i] & 0xFF;
			}
			int expected = -sum & 0xFF;
			int stated = bytes[bytes.length - 1] & 0xFF;
			if (stated != expected) {
				throw line.problem(String.format(
						"checksum mismatch: the record says 0x%02X, but its bytes give 0x%02X", stated, expected));
			}
			int type = bytes[3] & 0xFF;
			requireLength(line, type, count);
			int offset = (bytes[1] & 0xFF) << 8 | bytes[2] & 0xFF;
			return new HexRecord(offset, type, Arrays.copyOfRange(bytes, 4, 4 + count));
		}

		private static void requireLength(TextLine line, int type, int count) throws ImageFormatException {
			int required;
			String name;
			switch (type) {
			case DATA -> {
				return;
			}
			case END_OF_FILE -> {
				required = 0;
				name = "an end-of-file record (type 01)";
			}
			case EXTENDED_SEGMENT_ADDRESS -> {
				required = 2;
				name = "an extended segment address record (type 02)";
			}
			case START_SEGMENT_ADDRESS -> {
				required = 4;
				name = "a start segment address record (type 03)";
			}
			case EXTENDED_LINEAR_ADDRESS -> {
				required = 2;
				name = "an extended linear address record (type 04)";
			}
			case START_LINEAR_ADDRESS -> {
				required = 4;
				name = "a start linear address record (type 05)";
			}
			default -> throw line.problem(String.format(
					"unknown record type %02X; Intel HEX has types 00 to 05", type));
			}
			if (count != required) {
				throw line.problem(name + " holds " + required + " data bytes, but this one holds " + count);
			}
		}

		/** Big-endian 16-bit value at a data index. */
		long wordAt(int index) {
			return (data[index] & 0xFF) << 8 | data[index + 1] & 0xFF;
		}
	}
}
