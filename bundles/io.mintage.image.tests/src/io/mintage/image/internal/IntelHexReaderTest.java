package io.mintage.image.internal;

import static io.mintage.image.tests.ImageFormatAssertions.assertProblem;
import static io.mintage.image.tests.Records.hex;
import static io.mintage.image.tests.Records.hexData;
import static io.mintage.image.tests.Records.hexEndOfFile;
import static io.mintage.image.tests.Records.hexLinearBase;
import static io.mintage.image.tests.Records.lines;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mintage.core.image.FirmwareImage;
import io.mintage.core.image.ImageFormatException;
import io.mintage.core.image.Segment;
import io.mintage.image.ReadOptions;

class IntelHexReaderTest {

	private static final String FILE = "blinky.hex";

	private final IntelHexReader reader = new IntelHexReader();

	private FirmwareImage read(byte[] content) throws ImageFormatException {
		return reader.read(FILE, content, ReadOptions.defaults());
	}

	@Test
	void placesDataAfterAnExtendedLinearAddress() throws Exception {
		FirmwareImage image = read(lines(hexLinearBase(0x0800_0000), hexData(0x0000, 1, 2, 3, 4),
				hexData(0x0004, 5, 6), hex(0x05, 0, 0x08, 0x00, 0x01, 0x01), hexEndOfFile()));

		assertEquals(List.of(new Segment(0x0800_0000L, new byte[] { 1, 2, 3, 4, 5, 6 })), image.segments());
		assertEquals(OptionalLong.of(0x0800_0101L), image.entryPoint());
		assertEquals("Intel HEX", image.format());
	}

	@Test
	void keepsGapsBetweenRecordsAsSeparateSegments() throws Exception {
		FirmwareImage image = read(lines(hexData(0x0010, 0xAA), hexData(0x0000, 0x55), hexEndOfFile()));

		assertEquals(List.of(new Segment(0, new byte[] { 0x55 }), new Segment(0x10, new byte[] { (byte) 0xAA })),
				image.segments());
		assertTrue(image.entryPoint().isEmpty());
	}

	@Test
	void continuesLinearlyWhenARecordCrossesA64KiBBoundaryUnderLinearAddressing() throws Exception {
		FirmwareImage image = read(lines(hexLinearBase(0x0800_0000), hexData(0xFFFE, 1, 2, 3, 4), hexEndOfFile()));

		assertEquals(List.of(new Segment(0x0800_FFFEL, new byte[] { 1, 2, 3, 4 })), image.segments());
	}

	@Test
	void placesDataAtSegmentTimesSixteenPlusOffset() throws Exception {
		FirmwareImage image = read(lines(hex(0x02, 0, 0x12, 0x34), hexData(0x0010, 7), hexEndOfFile()));

		assertEquals(List.of(new Segment(0x12340 + 0x10, new byte[] { 7 })), image.segments());
	}

	@Test
	void wrapsInsideTheSegmentWhenARecordCrossesItsEndUnderSegmentAddressing() throws Exception {
		FirmwareImage image = read(lines(hex(0x02, 0, 0x10, 0x00), hexData(0xFFFE, 1, 2, 3, 4), hexEndOfFile()));

		assertEquals(List.of(new Segment(0x10000, new byte[] { 3, 4 }), new Segment(0x1FFFE, new byte[] { 1, 2 })),
				image.segments());
	}

	@Test
	void letsTheLastAddressRecordDecideBetweenSegmentAndLinear() throws Exception {
		FirmwareImage image = read(lines(hex(0x02, 0, 0x10, 0x00), hexLinearBase(0x0002_0000), hexData(0xFFFF, 1, 2),
				hexEndOfFile()));

		assertEquals(List.of(new Segment(0x2FFFF, new byte[] { 1, 2 })), image.segments());
	}

	@Test
	void takesTheStartSegmentAddressAsCsTimesSixteenPlusIp() throws Exception {
		FirmwareImage image = read(lines(hexData(0, 1), hex(0x03, 0, 0x12, 0x34, 0x00, 0x05), hexEndOfFile()));

		assertEquals(OptionalLong.of(0x12345L), image.entryPoint());
	}

	@Test
	void acceptsCrLfBlankLinesLowerCaseAndTrailingBlanks() throws Exception {
		String text = hexData(0, 0xAB, 0xCD).toLowerCase() + "\r\n\r\n" + hexEndOfFile() + "  \r\n\r\n\n";

		FirmwareImage image = read(text.getBytes(StandardCharsets.US_ASCII));

		assertEquals(List.of(new Segment(0, new byte[] { (byte) 0xAB, (byte) 0xCD })), image.segments());
	}

	@Test
	void acceptsAFileWithoutAFinalLineEnding() throws Exception {
		String text = hexData(0, 1) + "\n" + hexEndOfFile();

		assertEquals(1, read(text.getBytes(StandardCharsets.US_ASCII)).dataSize());
	}

	@Test
	void acceptsRepeatedRecordsWithTheSameBytes() throws Exception {
		FirmwareImage image = read(lines(hexData(0, 1, 2, 3), hexData(1, 2), hexEndOfFile()));

		assertEquals(List.of(new Segment(0, new byte[] { 1, 2, 3 })), image.segments());
	}

	@Test
	void usesTheErasedValueOfTheOptions() throws Exception {
		FirmwareImage image = reader.read(FILE, lines(hexData(0, 1), hexEndOfFile()),
				ReadOptions.defaults().withErasedValue(0x00));

		assertEquals(0x00, image.erasedValue());
	}

	@Test
	void recognizesHexContent() {
		assertTrue(reader.recognizes("x", "\r\n:10000000".getBytes(StandardCharsets.US_ASCII)));
		assertFalse(reader.recognizes("x", "S1130000".getBytes(StandardCharsets.US_ASCII)));
		assertFalse(reader.recognizes("x", ":".getBytes(StandardCharsets.US_ASCII)));
		assertFalse(reader.recognizes("x", new byte[0]));
	}

	@Test
	void reportsALineThatDoesNotStartWithAColon() {
		assertProblem(FILE, "line 2", "starts with ':', but this line starts with 'x'",
				() -> read(lines(hexData(0, 1), "x" + hexEndOfFile().substring(1))));
	}

	@Test
	void reportsACharacterThatIsNotAHexDigitWithItsColumn() {
		assertProblem(FILE, "line 1", "'G' at column 10 is not a hex digit",
				() -> read(lines(":01000000G1FE", hexEndOfFile())));
	}

	@Test
	void reportsAnOddNumberOfDigits() {
		assertProblem(FILE, "line 1", "odd number of hex digits (13)",
				() -> read(lines(hexData(0, 1) + "0", hexEndOfFile())));
	}

	@Test
	void reportsARecordTooShortForItsFixedFields() {
		assertProblem(FILE, "line 1", "cut short", () -> read(lines(":0000", hexEndOfFile())));
	}

	@Test
	void reportsAByteCountThatDoesNotMatchTheLine() {
		String record = hexData(0, 1, 2, 3);
		String missingOneByte = record.substring(0, record.length() - 4) + record.substring(record.length() - 2);

		assertProblem(FILE, "line 1", "byte count says 3 data bytes, but the line holds 2",
				() -> read(lines(missingOneByte, hexEndOfFile())));
	}

	@Test
	void reportsAChecksumMismatchWithBothValues() {
		assertProblem(FILE, "line 2", "the record says 0x00, but its bytes give 0xFE",
				() -> read(lines(hexData(0, 1), ":0100000001" + "00", hexEndOfFile())));
	}

	@Test
	void reportsDataAfterTheEndOfFileRecord() {
		assertProblem(FILE, "line 4", "data after the end-of-file record on line 2",
				() -> read(lines(hexData(0, 1), hexEndOfFile(), "", hexData(1, 2))));
	}

	@Test
	void reportsAMissingEndOfFileRecordAtTheLastLine() {
		assertProblem(FILE, "line 2", "ends without an end-of-file record",
				() -> read(lines(hexData(0, 1), hexData(1, 2))));
	}

	@Test
	void reportsAnEmptyFileAsMissingItsEndOfFileRecord() {
		assertProblem(FILE, "line 1", "ends without an end-of-file record", () -> read(new byte[0]));
	}

	@Test
	void reportsAFileWithoutDataRecords() {
		assertProblem(FILE, "line 2", "holds no data records", () -> read(lines(hexLinearBase(0), hexEndOfFile())));
	}

	@ParameterizedTest
	@CsvSource({ "1, 1, end-of-file record (type 01) holds 0 data bytes, but this one holds 1",
			"2, 1, extended segment address record (type 02) holds 2 data bytes, but this one holds 1",
			"3, 2, start segment address record (type 03) holds 4 data bytes, but this one holds 2",
			"4, 3, extended linear address record (type 04) holds 2 data bytes, but this one holds 3",
			"5, 5, start linear address record (type 05) holds 4 data bytes, but this one holds 5" })
	void reportsAddressAndEndRecordsOfTheWrongLength(int type, int length, String problem) {
		int[] data = new int[length];

		assertProblem(FILE, "line 2", problem, () -> read(lines(hexData(0, 1), hex(type, 0, data), hexEndOfFile())));
	}

	@Test
	void reportsAnUnknownRecordType() {
		assertProblem(FILE, "line 1", "unknown record type 06", () -> read(lines(hex(0x06, 0, 1), hexEndOfFile())));
	}

	@Test
	void reportsDataBeyondThe32BitAddressSpace() {
		assertProblem(FILE, "line 2", "beyond the 32-bit address space",
				() -> read(lines(hexLinearBase(0xFFFF_0000L), hexData(0xFFFF, 1, 2), hexEndOfFile())));
	}

	@Test
	void reportsContradictingRecordsNamingBothLines() {
		assertProblem(FILE, "line 3", "data at 0x00000001 (0x09) contradicts line 1, which put 0x02 there",
				() -> read(lines(hexData(0, 1, 2, 3), hexData(8, 1), hexData(1, 9), hexEndOfFile())));
	}

	@Test
	void reportsContradictingStartAddresses() {
		assertProblem(FILE, "line 3", "start address 0x00000002 contradicts the start address 0x00000001 on line 2",
				() -> read(lines(hexData(0, 1), hex(0x05, 0, 0, 0, 0, 1), hex(0x05, 0, 0, 0, 0, 2), hexEndOfFile())));
	}

	@Test
	void refusesABaseAddress() {
		assertProblem(FILE, null, "raw binary files only", () -> reader.read(FILE,
				lines(hexData(0, 1), hexEndOfFile()), ReadOptions.defaults().withBaseAddress(0x0800_0000)));
	}

	@Test
	void readsDataThatLiesAtTheVeryTopOfTheAddressSpace() throws Exception {
		FirmwareImage image = read(lines(hexLinearBase(0xFFFF_0000L), hexData(0xFFFE, 1, 2), hexEndOfFile()));

		assertEquals(0x1_0000_0000L, image.endAddress());
		assertArrayEquals(new byte[] { 1, 2 }, image.segments().get(0).data());
	}
}
