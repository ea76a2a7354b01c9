package io.mintage.image.internal;

import java.util.Arrays;

import org.osgi.service.component.annotations.Component;

import io.mintage.core.image.FirmwareImage;
import io.mintage.core.image.ImageBuilder;
import io.mintage.core.image.ImageFormatException;
import io.mintage.image.ImageReader;
import io.mintage.image.ReadOptions;

/**
 * Motorola S-record: lines {@code S<type><count><address><data><checksum>}, the count covering address,
 * data and checksum, the checksum being the ones' complement of the low byte of the sum of count,
 * address and data.
 * <p>
 * The S0 header is checked and then ignored: it is free text that no tool agrees on. A missing
 * termination record (S7/S8/S9) is accepted, as several generators leave it out; a record count
 * (S5/S6), when present, must match the data records before it, which is what catches a cut file.
 */
@Component(service = ImageReader.class, property = ImageReader.FORMAT + "=srec")
public final class SRecordReader implements ImageReader {

	/** Bytes of the address field per record type S0..S9; 0 for the reserved S4. */
	private static final int[] ADDRESS_SIZE = { 2, 2, 3, 4, 0, 2, 3, 4, 3, 2 };

	@Override
	public String formatId() {
		return "srec";
	}

	@Override
	public String formatName() {
		return "Motorola S-record";
	}

	@Override
	public boolean recognizes(String fileName, byte[] head) {
		int first = TextLine.skipBlanks(head);
		return first + 1 < head.length && head[first] == 'S'
				&& head[first + 1] >= '0' && head[first + 1] <= '9' && TextLine.startsWithHexDigits(head, first + 2);
	}

	@Override
	public FirmwareImage read(String fileName, byte[] content, ReadOptions options) throws ImageFormatException {
		ReaderChecks.refuseBaseAddress(fileName, options, formatName());
		ImageBuilder image = new ImageBuilder(fileName, formatName()).erasedValue(options.erasedValue());
		long dataRecords = 0;
		TextLine termination = null;
		TextLine lastLine = null;
		for (TextLine line : TextLine.lines(fileName, content)) {
			if (line.isBlank()) {
				continue;
			}
			lastLine = line;
			if (termination != null) {
				throw line.problem("a record after the termination record on line " + termination.number());
			}
			SRecord record = SRecord.parse(line);
			switch (record.type) {
			case 0 -> {
				// Header: free text, nothing to place.
			}
			case 1, 2, 3 -> {
				image.add(record.address, record.data, line.location());
				dataRecords++;
			}
			case 5, 6 -> {
				requireNoData(line, record, "a record count (S" + record.type + ")");
				if (record.address != dataRecords) {
					throw line.problem("the record count says " + record.address + " data records, but "
							+ dataRecords + " came before it, so records are missing or extra");
				}
			}
			case 7, 8, 9 -> {
				requireNoData(line, record, "a termination record (S" + record.type + ")");
				image.entryPoint(record.address);
				termination = line;
			}
			default -> throw new IllegalStateException("SRecord.parse lets only known types through");
			}
		}
		if (image.isEmpty()) {
			throw lastLine == null ? new ImageFormatException(fileName, null, "the file is empty")
					: lastLine.problem("the file holds no data records (S1, S2 or S3) up to its last record");
		}
		return image.build();
	}

	private static void requireNoData(TextLine line, SRecord record, String what) throws ImageFormatException {
		if (record.data.length > 0) {
			throw line.problem(what + " carries only an address, but this one also carries "
					+ record.data.length + " data bytes");
		}
	}

	/** One record, its byte count and checksum checked. */
	private static final class SRecord {
		final int type;
		final long address;
		final byte[] data;

		private SRecord(int type, long address, byte[] data) {
			this.type = type;
			this.address = address;
			this.data = data;
		}

		static SRecord parse(TextLine line) throws ImageFormatException {
			if (line.at(0) != 'S') {
				throw line.problem(
						"a record starts with 'S', but this line starts with " + TextLine.describe(line.at(0)));
			}
			if (line.length() < 2) {
				throw line.problem("the record is cut short after 'S', before its type");
			}
			int type = line.at(1) - '0';
			if (type < 0 || type > 9 || ADDRESS_SIZE[type] == 0) {
				throw line.problem("unknown record type S" + (char) line.at(1)
						+ "; S-records have types S0 to S3 and S5 to S9");
			}
			byte[] bytes = line.hexBytesFrom(2);
			if (bytes.length == 0) {
				throw line.problem("the record is cut short after its type, before its byte count");
			}
			int count = bytes[0] & 0xFF;
			int following = bytes.length - 1;
			if (count != following) {
				throw line.problem("the byte count says " + count + " bytes follow, but the line holds " + following
						+ (following < count ? ", so the record is cut short" : ""));
			}
			int addressSize = ADDRESS_SIZE[type];
			if (count < addressSize + 1) {
				throw line.problem("an S" + type + " record needs at least " + (addressSize + 1)
						+ " bytes after the count (" + addressSize + " address bytes and the checksum), but has "
						+ count);
			}
			int sum = 0;
			for (int i = 0; i < bytes.length - 1; i++) {
				sum += bytes[i] & 0xFF;
			}
			int expected = ~sum & 0xFF;
			int stated = bytes[bytes.length - 1] & 0xFF;
			if (stated != expected) {
				throw line.problem(String.format(
						"checksum mismatch: the record says 0x%02X, but its bytes give 0x%02X", stated, expected));
			}
			long address = 0;
			for (int i = 1; i <= addressSize; i++) {
				address = address << 8 | bytes[i] & 0xFF;
			}
			return new SRecord(type, address, Arrays.copyOfRange(bytes, 1 + addressSize, bytes.length - 1));
		}
	}
}
