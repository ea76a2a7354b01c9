package io.mintage.image.internal;

import static io.mintage.image.tests.ImageFormatAssertions.assertProblem;
import static io.mintage.image.tests.Records.lines;
import static io.mintage.image.tests.Records.srec;
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

class SRecordReaderTest {

	private static final String FILE = "blinky.s19";

	private final SRecordReader reader = new SRecordReader();

	private FirmwareImage read(byte[] content) throws ImageFormatException {
		return reader.read(FILE, content, ReadOptions.defaults());
	}

	@Test
	void readsSixteenBitDataWithHeaderCountAndTermination() throws Exception {
		FirmwareImage image = read(lines(srec(0, 0, 'h', 'd', 'r'), srec(1, 0x1000, 1, 2), srec(1, 0x1002, 3),
				srec(5, 2), srec(9, 0x1001)));

		assertEquals(List.of(new Segment(0x1000, new byte[] { 1, 2, 3 })), image.segments());
		assertEquals(OptionalLong.of(0x1001), image.entryPoint());
		assertEquals("Motorola S-record", image.format());
	}

	@Test
	void readsTwentyFourBitDataWithS6CountAndS8Termination() throws Exception {
		FirmwareImage image = read(lines(srec(2, 0x12_3456, 9), srec(6, 1), srec(8, 0x12_3456)));

		assertEquals(List.of(new Segment(0x12_3456, new byte[] { 9 })), image.segments());
		assertEquals(OptionalLong.of(0x12_3456), image.entryPoint());
	}

	@Test
	void readsThirtyTwoBitDataWithS7Termination() throws Exception {
		FirmwareImage image = read(lines(srec(3, 0x0800_0000L, 0xAA, 0xBB), srec(7, 0x0800_0001L)));

		assertEquals(List.of(new Segment(0x0800_0000L, new byte[] { (byte) 0xAA, (byte) 0xBB })), image.segments());
		assertEquals(OptionalLong.of(0x0800_0001L), image.entryPoint());
	}

	@Test
	void acceptsAFileWithoutTerminationRecordCrLfAndBlankLines() throws Exception {
		String text = srec(1, 0, 1) + "\r\n\r\n" + srec(1, 1, 2) + "\r\n";

		FirmwareImage image = read(text.getBytes(StandardCharsets.US_ASCII));

		assertEquals(List.of(new Segment(0, new byte[] { 1, 2 })), image.segments());
		assertTrue(image.entryPoint().isEmpty());
	}

	@Test
	void recognizesSRecordContent() {
		assertTrue(reader.recognizes("x", "\nS00F0000".getBytes(StandardCharsets.US_ASCII)));
		assertFalse(reader.recognizes("x", "Some text".getBytes(StandardCharsets.US_ASCII)));
		assertFalse(reader.recognizes("x", ":10000000".getBytes(StandardCharsets.US_ASCII)));
		assertFalse(reader.recognizes("x", "S".getBytes(StandardCharsets.US_ASCII)));
	}

	@Test
	void reportsALineThatDoesNotStartWithS() {
		assertProblem(FILE, "line 2", "starts with 'S', but this line starts with 'T'",
				() -> read(lines(srec(1, 0, 1), "T" + srec(9, 0).substring(1))));
	}

	@ParameterizedTest
	@CsvSource({ "S4030000FC, unknown record type S4", "SX030000FC, unknown record type SX" })
	void reportsUnknownRecordTypes(String record, String problem) {
		assertProblem(FILE, "line 1", problem, () -> read(lines(record)));
	}

	@Test
	void reportsACutShortRecord() {
		String record = srec(1, 0, 1, 2, 3);

		assertProblem(FILE, "line 1",
				"byte count says 6 bytes follow, but the line holds 4, so the record is cut short",
				() -> read(lines(record.substring(0, record.length() - 4))));
	}

	@ParameterizedTest
	@CsvSource({ "S, before its type", "S1, before its byte count" })
	void reportsRecordsEndingBeforeTheirFixedFields(String record, String problem) {
		assertProblem(FILE, "line 1", problem, () -> read(lines(record)));
	}

	@Test
	void reportsACountTooSmallForTheAddress() {
		assertProblem(FILE, "line 1",
				"an S3 record needs at least 5 bytes after the count (4 address bytes and the checksum), but has 3",
				() -> read(lines("S3030000FC")));
	}

	@Test
	void reportsAChecksumMismatchWithBothValues() {
		assertProblem(FILE, "line 1", "the record says 0x00, but its bytes give 0xFA",
				() -> read(lines("S104000001" + "00")));
	}

	@Test
	void reportsACharacterThatIsNotAHexDigit() {
		assertProblem(FILE, "line 1", "'Z' at column 5 is not a hex digit", () -> read(lines("S104Z0000100")));
	}

	@Test
	void reportsAnOddNumberOfDigits() {
		assertProblem(FILE, "line 1", "odd number of hex digits", () -> read(lines(srec(1, 0, 1) + "F")));
	}

	@Test
	void reportsARecordCountThatDoesNotMatch() {
		assertProblem(FILE, "line 3", "the record count says 3 data records, but 2 came before it",
				() -> read(lines(srec(1, 0, 1), srec(1, 1, 2), srec(5, 3), srec(9, 0))));
	}

	@Test
	void reportsACountRecordCarryingData() {
		assertProblem(FILE, "line 2", "a record count (S5) carries only an address, but this one also carries 1",
				() -> read(lines(srec(1, 0, 1), srec(5, 1, 7))));
	}

	@Test
	void reportsARecordAfterTheTermination() {
		assertProblem(FILE, "line 3", "a record after the termination record on line 2",
				() -> read(lines(srec(1, 0, 1), srec(9, 0), srec(1, 1, 2))));
	}

	@Test
	void reportsAFileWithoutDataRecords() {
		assertProblem(FILE, "line 2", "no data records", () -> read(lines(srec(0, 0, 'x'), srec(9, 0))));
	}

	@Test
	void reportsAnEmptyFile() {
		assertProblem(FILE, null, "the file is empty", () -> read("\n\n".getBytes(StandardCharsets.US_ASCII)));
	}

	@Test
	void reportsContradictingRecordsNamingBothLines() {
		assertProblem(FILE, "line 2", "contradicts line 1",
				() -> read(lines(srec(3, 0x0800_0000L, 1, 2), srec(3, 0x0800_0001L, 3))));
	}

	@Test
	void reportsDataBeyondThe32BitAddressSpace() {
		assertProblem(FILE, "line 1", "beyond the 32-bit address space",
				() -> read(lines(srec(3, 0xFFFF_FFFFL, 1, 2))));
	}

	@Test
	void refusesABaseAddress() {
		assertProblem(FILE, null, "raw binary files only",
				() -> reader.read(FILE, lines(srec(1, 0, 1)), ReadOptions.defaults().withBaseAddress(0)));
	}
}
