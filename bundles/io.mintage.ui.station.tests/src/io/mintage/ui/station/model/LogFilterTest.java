package io.mintage.ui.station.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.mintage.ledger.LedgerEventTypes;

/** The log's two filters: the kind of line, and text found in any column. */
class LogFilterTest {

	private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
	private static final LogEntry PASSED = new LogEntry(12, NOW, LedgerEventTypes.DEVICE_COMPLETED,
			"2B0047000E51363236313533", OptionalLong.of(1000042), "site 2");
	private static final LogEntry FAILED = new LogEntry(13, NOW, LedgerEventTypes.DEVICE_FAILED,
			"2B0047000E51363236313534", OptionalLong.of(1000043), "site 1, step verify: contact lost during verifying");
	private static final LogEntry NOTE = LogEntry.note(NOW, "Site 1 started (stm32uart:/dev/ttyUSB0)");
	private static final List<LogEntry> LOG = List.of(NOTE, FAILED, PASSED);

	@Test
	void eachKindShowsItsLinesOnly() {
		assertEquals(LOG, shown(LogFilter.ALL, ""));
		assertEquals(List.of(PASSED), shown(LogFilter.PASSED, ""));
		assertEquals(List.of(FAILED), shown(LogFilter.FAILED, null));
		assertEquals(List.of(NOTE), shown(LogFilter.NOTES, "  "));
		assertEquals(List.of(), shown(LogFilter.CHECKPOINTS, ""));
	}

	@Test
	void textIsFoundInAnyColumnIgnoringCase() {
		assertEquals(List.of(FAILED), shown(LogFilter.ALL, "0e51363236313534"));
		assertEquals(List.of(PASSED), shown(LogFilter.ALL, "1000042"));
		assertEquals(List.of(FAILED), shown(LogFilter.ALL, " Contact Lost "));
		assertEquals(List.of(NOTE, FAILED), shown(LogFilter.ALL, "site 1"));
		assertEquals(List.of(FAILED, PASSED), shown(LogFilter.ALL, "device-"));
		assertEquals(List.of(), shown(LogFilter.PASSED, "site 1"));
	}

	private static List<LogEntry> shown(LogFilter filter, String text) {
		return LOG.stream().filter(entry -> filter.accepts(entry, text)).toList();
	}
}
