package io.mintage.image.tests;

import static io.mintage.image.tests.ImageFormatAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mintage.core.image.ImageBuilder;
import io.mintage.core.image.Segment;
import io.mintage.core.image.SourceLocation;

/** The parts of io.mintage.core.image every reader relies on. */
class ImageBuilderTest {

	private final ImageBuilder builder = new ImageBuilder("fw.hex", "Intel HEX");

	@Test
	void findsAContradictionBehindAShorterRepeatedRecord() throws Exception {
		builder.add(0, new byte[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, SourceLocation.line(1));
		builder.add(2, new byte[] { 2, 3 }, SourceLocation.line(2));

		assertProblem("fw.hex", "line 3", "data at 0x00000006 (0x63) contradicts line 1, which put 0x06 there",
				() -> builder.add(6, new byte[] { 99 }, SourceLocation.line(3)));
	}

	@Test
	void namesTheRecordThatFirstSetAByte() throws Exception {
		builder.add(4, new byte[] { 4, 5 }, SourceLocation.line(1));
		builder.add(0, new byte[] { 0, 1, 2, 3, 4, 5, 6, 7 }, SourceLocation.line(2));

		assertProblem("fw.hex", "line 3", "contradicts line 1",
				() -> builder.add(5, new byte[] { 9 }, SourceLocation.line(3)));
		assertProblem("fw.hex", "line 3", "contradicts line 2",
				() -> builder.add(7, new byte[] { 9 }, SourceLocation.line(3)));
	}

	@Test
	void mergesOverlappingAndTouchingRecordsIntoOneSegment() throws Exception {
		builder.add(4, new byte[] { 4, 5 }, SourceLocation.line(1));
		builder.add(0, new byte[] { 0, 1, 2, 3, 4 }, SourceLocation.line(2));
		builder.add(6, new byte[] { 6 }, SourceLocation.line(3));
		builder.add(10, new byte[] { 10 }, SourceLocation.line(4));

		assertEquals(List.of(new Segment(0, new byte[] { 0, 1, 2, 3, 4, 5, 6 }), new Segment(10, new byte[] { 10 })),
				builder.build().segments());
	}
}
