package io.mintage.ledger.tests;

import static io.mintage.ledger.tests.Ledgers.JOB;
import static io.mintage.ledger.tests.Ledgers.OTHER_JOB;
import static io.mintage.ledger.tests.Ledgers.START;
import static io.mintage.ledger.tests.Ledgers.uid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerEventTypes;
import io.mintage.ledger.LedgerException;
import io.mintage.trust.ReportEvent;

/** Appending, the hash chain, reopening, and the queries, on real SQLite files. */
class LedgerChainTest {

	@TempDir
	Path folder;

	private Path file() {
		return folder.resolve("station").resolve("ledger.db");
	}

	@Test
	void eventsAreChainedExactlyAsReportEventsChainThem() throws Exception {
		SteppingClock clock = new SteppingClock(START, 250);
		try (Ledger ledger = Ledger.open(file(), clock)) {
			assertEquals(0, ledger.lastSequence());
			assertArrayEquals(new byte[32], ledger.lastChainHash());
			ReportEvent accepted = ledger.append(LedgerEventTypes.JOB_ACCEPTED, JOB, Optional.empty(), OptionalLong.empty(),
					Optional.empty(), Optional.of("Thermostat T1, March batch"));
			ReportEvent completed = ledger.append(LedgerEventTypes.DEVICE_COMPLETED, JOB, Optional.of(uid(1)),
					OptionalLong.of(65536), Optional.of(new byte[] { 0x4d, 0x54, 0x44, 0x52 }), Optional.empty());

			assertEquals(new ReportEvent(1, "job-accepted", START, JOB, Optional.empty(), OptionalLong.empty(),
					Optional.empty(), Optional.of("Thermostat T1, March batch")), accepted);
			assertEquals(new ReportEvent(2, "device-completed", START.plusMillis(250), JOB, Optional.of(uid(1)),
					OptionalLong.of(65536), Optional.of(new byte[] { 0x4d, 0x54, 0x44, 0x52 }), Optional.empty()),
					completed);
			byte[] first = accepted.chainHash(new byte[32]);
			byte[] second = completed.chainHash(first);
			assertEquals(2, ledger.lastSequence());
			assertArrayEquals(second, ledger.lastChainHash());
			assertEquals(List.of(accepted, completed), Ledgers.all(ledger));
			// the file holds the same hashes, row by row
			try (Connection raw = Ledgers.raw(file());
					ResultSet rows = raw.createStatement()
							.executeQuery("SELECT sequence, chain_hash FROM events ORDER BY sequence")) {
				assertTrue(rows.next());
				assertArrayEquals(first, rows.getBytes(2));
				assertTrue(rows.next());
				assertArrayEquals(second, rows.getBytes(2));
				assertFalse(rows.next());
			}
		}
	}

	@Test
	void aReopenedLedgerContinuesItsChain() throws Exception {
		SteppingClock clock = new SteppingClock(START, 1000);
		byte[] hashBefore;
		try (Ledger ledger = Ledger.open(file(), clock)) {
			for (int i = 1; i <= 3; i++) {
				ledger.append(LedgerEventTypes.DEVICE_FAILED, JOB, Optional.of(uid(i)), OptionalLong.empty(),
						Optional.empty(), Optional.of("no answer on site " + i));
			}
			hashBefore = ledger.lastChainHash();
		}
		try (Ledger ledger = Ledger.open(file(), clock)) {
			assertEquals(3, ledger.lastSequence());
			assertArrayEquals(hashBefore, ledger.lastChainHash());
			ReportEvent next = ledger.append(LedgerEventTypes.DEVICE_COMPLETED, JOB, Optional.of(uid(4)),
					OptionalLong.of(65536), Optional.empty(), Optional.empty());
			assertEquals(4, next.sequence());
			assertArrayEquals(next.chainHash(hashBefore), ledger.lastChainHash());
			List<ReportEvent> events = Ledgers.all(ledger);
			byte[] chain = new byte[32];
			for (ReportEvent event : events) {
				chain = event.chainHash(chain);
			}
			assertArrayEquals(chain, ledger.lastChainHash());
		}
	}

	@Test
	void theFileItsJournalAndItsLockAreReadableByTheUserOnly() throws Exception {
		try (Ledger ledger = Ledger.open(file(), new SteppingClock(START, 1))) {
			ledger.append(LedgerEventTypes.JOB_ACCEPTED, JOB, Optional.empty(), OptionalLong.empty(), Optional.empty(),
					Optional.empty());
			assertEquals("rwx------", mode(file().getParent()));
			for (String name : List.of("ledger.db", "ledger.db-wal", "ledger.db-shm", "ledger.db.lock")) {
				assertEquals("rw-------", mode(file().resolveSibling(name)), name);
			}
		}
	}

	@Test
	void countersCountCompletedFailedAndReworkedSinceAnInstantAndInTotal() throws Exception {
		SteppingClock clock = new SteppingClock(START, 60_000);
		try (Ledger ledger = Ledger.open(file(), clock)) {
			// minute 0..4: job A 2 completed, 1 failed; job B 1 completed, 1 reworked
			complete(ledger, JOB, 1);
			fail(ledger, JOB, 2);
			complete(ledger, JOB, 3);
			complete(ledger, OTHER_JOB, 4);
			rework(ledger, OTHER_JOB, 4);
			// from minute 5 on (the "shift"): job A 1 completed, 1 reworked; job B 1 failed
			java.time.Instant shift = clock.next();
			complete(ledger, JOB, 5);
			rework(ledger, JOB, 1);
			fail(ledger, OTHER_JOB, 6);
			ledger.authorize(JOB, Ledgers.RANGE, uid(9), "site 1", Ledgers.recordsFor(uid(9)));

			assertEquals(new Ledger.Counters(1, 0, 1, 3, 1, 1), ledger.counters(Optional.of(JOB), shift));
			assertEquals(new Ledger.Counters(0, 1, 0, 1, 1, 1), ledger.counters(Optional.of(OTHER_JOB), shift));
			assertEquals(new Ledger.Counters(1, 1, 1, 4, 2, 2), ledger.counters(Optional.empty(), shift));
			assertEquals(new Ledger.Counters(4, 2, 2, 4, 2, 2), ledger.counters(Optional.empty(), START));
			assertEquals(new Ledger.Counters(0, 0, 0, 4, 2, 2),
					ledger.counters(Optional.empty(), clock.next().plus(Duration.ofDays(1))));
		}
	}

	@Test
	void latestGivesTheNewestEventsNewestLastAndForEachStartsWhereAsked() throws Exception {
		try (Ledger ledger = Ledger.open(file(), new SteppingClock(START, 10))) {
			assertEquals(List.of(), ledger.latest(5));
			for (int i = 1; i <= 12; i++) {
				complete(ledger, JOB, i);
			}
			List<ReportEvent> latest = ledger.latest(3);
			assertEquals(List.of(10L, 11L, 12L), latest.stream().map(ReportEvent::sequence).toList());
			assertEquals(12, ledger.latest(100).size());
			List<Long> from = new ArrayList<>();
			ledger.forEach(9, event -> from.add(event.sequence()));
			assertEquals(List.of(9L, 10L, 11L, 12L), from);
		}
	}

	@Test
	void optionalFieldsComeBackAsTheyWentIn() throws Exception {
		try (Ledger ledger = Ledger.open(file(), new SteppingClock(START, 10))) {
			ReportEvent empty = ledger.append(LedgerEventTypes.DEVICE_FAILED, JOB, Optional.of(uid(1)),
					OptionalLong.of(0), Optional.of(new byte[0]), Optional.of(""));
			ReportEvent none = ledger.append(LedgerEventTypes.DEVICE_FAILED, JOB, Optional.empty(), OptionalLong.empty(),
					Optional.empty(), Optional.empty());
			ReportEvent text = ledger.append(LedgerEventTypes.DEVICE_FAILED, JOB, Optional.of(uid(2)),
					OptionalLong.of(4294967295L), Optional.of(new byte[304]), Optional.of("Ståtion «2» – 断线"));
			assertEquals(List.of(empty, none, text), Ledgers.all(ledger));
			assertArrayEquals(text.chainHash(none.chainHash(empty.chainHash(new byte[32]))), ledger.lastChainHash());
		}
	}

	@Test
	void authorizationsAndCheckpointsAreNotAppendedByHand() throws Exception {
		try (Ledger ledger = Ledger.open(file(), new SteppingClock(START, 1))) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
					() -> ledger.append(LedgerEventTypes.DEVICE_AUTHORIZED, JOB, Optional.of(uid(1)), OptionalLong.of(1),
							Optional.of(new byte[] { 1 }), Optional.empty()));
			assertEquals("a device-authorized event is written by authorize, not appended", e.getMessage());
			e = assertThrows(IllegalArgumentException.class, () -> ledger.append(LedgerEventTypes.CHECKPOINT, JOB,
					Optional.empty(), OptionalLong.empty(), Optional.of(new byte[] { 1 }), Optional.empty()));
			assertEquals("a checkpoint event is written by checkpoint, not appended", e.getMessage());
			assertEquals(0, ledger.lastSequence());
		}
	}

	@Test
	void aFileThatIsNotALedgerIsRefusedInPlainWords() throws Exception {
		Path other = folder.resolve("other.db");
		try (Connection raw = Ledgers.raw(other)) {
			Ledgers.execute(raw, "CREATE TABLE customers (name TEXT)");
		}
		LedgerException e = assertThrows(LedgerException.class, () -> Ledger.open(other, new SteppingClock(START, 1)));
		assertEquals(other + " is an SQLite database but not a Mintage ledger", e.getMessage());
		Path text = folder.resolve("notes.db");
		Files.writeString(text, "these are not the pages of a database, just a few words that fill a file\n".repeat(20));
		e = assertThrows(LedgerException.class, () -> Ledger.open(text, new SteppingClock(START, 1)));
		assertTrue(e.getMessage().startsWith("the ledger " + text + " cannot be opened: "), e.getMessage());
		assertTrue(e.getMessage().contains("(file is not a database)"), e.getMessage());
	}

	@Test
	void aClosedLedgerRefusesAndClosingTwiceIsHarmless() throws Exception {
		Ledger ledger = Ledger.open(file(), new SteppingClock(START, 1));
		ledger.close();
		ledger.close();
		LedgerException e = assertThrows(LedgerException.class, () -> complete(ledger, JOB, 1));
		assertEquals("the ledger " + file() + " is closed", e.getMessage());
	}

	static void complete(Ledger ledger, java.util.UUID job, int uid) throws LedgerException {
		ledger.append(LedgerEventTypes.DEVICE_COMPLETED, job, Optional.of(uid(uid)), OptionalLong.of(65535 + uid),
				Optional.empty(), Optional.empty());
	}

	static void fail(Ledger ledger, java.util.UUID job, int uid) throws LedgerException {
		ledger.append(LedgerEventTypes.DEVICE_FAILED, job, Optional.of(uid(uid)), OptionalLong.empty(),
				Optional.empty(), Optional.of("verify failed at 0x08000400"));
	}

	static void rework(Ledger ledger, java.util.UUID job, int uid) throws LedgerException {
		ledger.append(LedgerEventTypes.DEVICE_REWORK, job, Optional.of(uid(uid)), OptionalLong.of(65535 + uid),
				Optional.empty(), Optional.empty());
	}

	private static String mode(Path path) throws Exception {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}
}
