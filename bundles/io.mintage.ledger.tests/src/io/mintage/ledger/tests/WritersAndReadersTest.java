package io.mintage.ledger.tests;

import static io.mintage.ledger.tests.Ledgers.JOB;
import static io.mintage.ledger.tests.Ledgers.RANGE;
import static io.mintage.ledger.tests.Ledgers.START;
import static io.mintage.ledger.tests.Ledgers.recordsFor;
import static io.mintage.ledger.tests.Ledgers.uid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerEventTypes;
import io.mintage.ledger.LedgerException;

/** One writer per ledger, across processes and within one; readers beside it. */
class WritersAndReadersTest {

	@TempDir
	Path folder;

	private Path file() {
		return folder.resolve("ledger.db");
	}

	@Test
	void aSecondStationProcessIsRefusedAndAKilledOneLeavesTheLedgerFree() throws Exception {
		try (Ledger first = Ledger.open(file(), new SteppingClock(START, 1))) {
			first.authorize(JOB, RANGE, uid(1), "site 1", recordsFor(uid(1)));
		}
		try (StationProcess station = StationProcess.start(folder.resolve("work"), "hold", file().toString())) {
			assertEquals("open", station.readLine());

			LedgerException e = assertThrows(LedgerException.class, () -> Ledger.open(file(), new SteppingClock(START, 1)));
			assertEquals("the ledger " + file() + " is in use by another station process", e.getMessage());
			// reading goes on while the other station holds the ledger
			try (Ledger view = Ledger.openReadOnly(file())) {
				assertEquals(1, view.used(JOB));
			}

			station.kill();
		}
		try (Ledger again = Ledger.open(file(), new SteppingClock(START, 1))) {
			assertEquals(1, again.lastSequence());
		}
	}

	@Test
	void aSecondWriterInTheSameProcessIsRefusedToo() throws Exception {
		try (Ledger first = Ledger.open(file(), new SteppingClock(START, 1))) {
			LedgerException e = assertThrows(LedgerException.class, () -> Ledger.open(file(), new SteppingClock(START, 1)));
			assertEquals("the ledger " + file() + " is open for writing in this station already", e.getMessage());
			first.append(LedgerEventTypes.JOB_ACCEPTED, JOB, Optional.empty(), OptionalLong.empty(), Optional.empty(),
					Optional.empty());
		}
		try (Ledger second = Ledger.open(file(), new SteppingClock(START, 1))) {
			assertEquals(1, second.lastSequence());
		}
	}

	@Test
	void aReadOnlyViewSeesEveryCommitOfTheWriterThatRunsBesideIt() throws Exception {
		try (Ledger writer = Ledger.open(file(), new SteppingClock(START, 1))) {
			writer.authorize(JOB, RANGE, uid(1), "site 1", recordsFor(uid(1)));
			try (Ledger view = Ledger.openReadOnly(file())) {
				assertTrue(view.readOnly());
				assertEquals(1, view.lastSequence());
				assertEquals(1, view.used(JOB));

				Ledger.Authorization second = writer.authorize(JOB, RANGE, uid(2), "site 2", recordsFor(uid(2)));
				assertEquals(2, view.lastSequence());
				assertArrayEquals(writer.lastChainHash(), view.lastChainHash());
				assertEquals(Optional.of(second), view.authorization(JOB, uid(2)));
				assertEquals(writer.latest(2), view.latest(2));
				assertEquals(Ledgers.all(writer), Ledgers.all(view));

				LedgerException e = assertThrows(LedgerException.class, () -> view.append(LedgerEventTypes.DEVICE_COMPLETED,
						JOB, Optional.of(uid(1)), OptionalLong.of(65536), Optional.empty(), Optional.empty()));
				assertEquals("the ledger " + file() + " is open read-only here: it cannot append an event", e.getMessage());
				e = assertThrows(LedgerException.class,
						() -> view.authorize(JOB, RANGE, uid(3), "site 1", recordsFor(uid(3))));
				assertEquals("the ledger " + file() + " is open read-only here: it cannot authorize a device",
						e.getMessage());
				assertEquals(2, writer.lastSequence());
			}
		}
		// once the writer is gone (and SQLite has folded its journal back), a view still opens
		assertFalse(Files.exists(file().resolveSibling("ledger.db-wal")));
		try (Ledger view = Ledger.openReadOnly(file())) {
			assertEquals(2, view.used(JOB));
		}
	}

	@Test
	void aViewOfAMissingLedgerIsRefusedWithoutCreatingOne() {
		LedgerException e = assertThrows(LedgerException.class, () -> Ledger.openReadOnly(file()));
		assertEquals("there is no ledger at " + file(), e.getMessage());
		assertFalse(Files.exists(file()));
	}
}
