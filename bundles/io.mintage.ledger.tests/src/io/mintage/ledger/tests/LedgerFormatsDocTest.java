package io.mintage.ledger.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerEventTypes;
import io.mintage.testing.DocsFiles;

/**
 * Persisted identifiers are written down: every event type, table, column, index and trigger the ledger
 * uses appears in docs/formats.md, "Station ledger", in code format.
 */
class LedgerFormatsDocTest {

	@Test
	void everyPersistedNameIsInFormatsMd() throws Exception {
		String formats = Files.readString(DocsFiles.file("formats.md"), StandardCharsets.UTF_8);
		int start = formats.indexOf("## Station ledger");
		assertTrue(start >= 0, "docs/formats.md has no section \"Station ledger\"");
		int end = formats.indexOf("\n## ", start + 1);
		String section = end < 0 ? formats.substring(start) : formats.substring(start, end);
		List<String> names = new ArrayList<>(LedgerEventTypes.ALL);
		names.addAll(List.of(Ledger.FILE_NAME, Ledger.FILE_NAME + ".lock", "meta", "schema-version", "events", "sequence", "type",
				"time_ms", "job_id", "uid", "serial", "record", "detail", "chain_hash", "events_job_uid",
				"events_type_time", "events_authorized_uid", "events_authorized_serial", "reports", "number", "report_id",
				"last_sequence", "last_chain_hash", "event_count", "recorded_ms", "events_no_update", "events_no_delete",
				"reports_no_update", "reports_no_delete"));
		List<String> missing = names.stream().filter(name -> !section.contains("`" + name + "`")).toList();
		assertTrue(missing.isEmpty(), "docs/formats.md, \"Station ledger\", does not name " + missing);
	}
}
