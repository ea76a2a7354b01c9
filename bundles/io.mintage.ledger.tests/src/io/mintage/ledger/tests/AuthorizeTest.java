package io.mintage.ledger.tests;

import static io.mintage.ledger.tests.Ledgers.JOB;
import static io.mintage.ledger.tests.Ledgers.OTHER_JOB;
import static io.mintage.ledger.tests.Ledgers.RANGE;
import static io.mintage.ledger.tests.Ledgers.START;
import static io.mintage.ledger.tests.Ledgers.notCalled;
import static io.mintage.ledger.tests.Ledgers.record;
import static io.mintage.ledger.tests.Ledgers.recordsFor;
import static io.mintage.ledger.tests.Ledgers.uid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SignatureException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;
import io.mintage.ledger.Ledger;
import io.mintage.ledger.Ledger.Authorization;
import io.mintage.ledger.LedgerEventTypes;
import io.mintage.ledger.LedgerException;
import io.mintage.ledger.QuotaExhaustedException;
import io.mintage.trust.ReportEvent;
import io.mintage.trust.SerialRange;

/** The quota step: new devices, rework, an exhausted quota, a failing signer, and many sites at once. */
class AuthorizeTest {

	@TempDir
	Path folder;

	private Ledger open() throws LedgerException {
		return Ledger.open(folder.resolve("ledger.db"), new SteppingClock(START, 5));
	}

	@Test
	void aNewDeviceGetsTheNextSerialAndItsRecordIsCommitted() throws Exception {
		try (Ledger ledger = open()) {
			Authorization first = ledger.authorize(JOB, RANGE, uid(1), "site 1", recordsFor(uid(1)));
			Authorization second = ledger.authorize(JOB, RANGE, uid(2), "site 2", recordsFor(uid(2)));

			assertEquals(new Authorization(JOB, uid(1), new SerialNumber(65536),
					record(uid(1), new SerialNumber(65536)), false, 1), first);
			assertEquals(new Authorization(JOB, uid(2), new SerialNumber(65537),
					record(uid(2), new SerialNumber(65537)), false, 2), second);
			assertEquals(2, ledger.used(JOB));
			assertEquals(0, ledger.used(OTHER_JOB));
			assertEquals(Optional.of(first), ledger.authorization(JOB, uid(1)));
			assertEquals(Optional.empty(), ledger.authorization(JOB, uid(3)));
			assertEquals(Optional.empty(), ledger.authorization(OTHER_JOB, uid(1)));
			assertEquals(new ReportEvent(2, LedgerEventTypes.DEVICE_AUTHORIZED, START.plusMillis(5), JOB,
					Optional.of(uid(2)), OptionalLong.of(65537), Optional.of(record(uid(2), new SerialNumber(65537))),
					Optional.of("site 2")), ledger.latest(1).get(0));
		}
	}

	@Test
	void aDeviceAuthorizedBeforeGetsItsRecordAgainWithoutQuotaOrSigning() throws Exception {
		try (Ledger ledger = open()) {
			Authorization first = ledger.authorize(JOB, RANGE, uid(7), "site 1", recordsFor(uid(7)));
			Authorization again = ledger.authorize(JOB, RANGE, uid(7), "site 3: reworked after a failed verify",
					notCalled());

			assertTrue(again.rework());
			assertEquals(first.serial(), again.serial());
			assertArrayEquals(first.record(), again.record());
			assertEquals(first.sequence(), again.sequence());
			assertEquals(1, ledger.used(JOB));
			ReportEvent rework = ledger.latest(1).get(0);
			assertEquals(new ReportEvent(2, LedgerEventTypes.DEVICE_REWORK, START.plusMillis(5), JOB, Optional.of(uid(7)),
					OptionalLong.of(65536), Optional.empty(), Optional.of("site 3: reworked after a failed verify")),
					rework);
			// the same UID in another job is a new device there
			Authorization other = ledger.authorize(OTHER_JOB, RANGE, uid(7), "site 1", recordsFor(uid(7)));
			assertFalse(other.rework());
			assertEquals(new SerialNumber(65536), other.serial());
		}
	}

	@Test
	void anExhaustedQuotaWritesNothingButReworkStillWorks() throws Exception {
		SerialRange two = new SerialRange(new SerialNumber(100), 2);
		try (Ledger ledger = open()) {
			ledger.authorize(JOB, two, uid(1), null, recordsFor(uid(1)));
			ledger.authorize(JOB, two, uid(2), null, recordsFor(uid(2)));
			long sequence = ledger.lastSequence();
			byte[] hash = ledger.lastChainHash();

			QuotaExhaustedException e = assertThrows(QuotaExhaustedException.class,
					() -> ledger.authorize(JOB, two, uid(3), "site 1", notCalled()));
			assertEquals("the quota of job " + JOB + " is used up: all 2 serials are signed", e.getMessage());
			assertEquals(JOB, e.jobId());
			assertEquals(2, e.count());
			assertEquals(sequence, ledger.lastSequence());
			assertArrayEquals(hash, ledger.lastChainHash());
			assertEquals(sequence, Ledgers.all(ledger).size());
			assertEquals(2, ledger.used(JOB));
			assertEquals(Optional.empty(), ledger.authorization(JOB, uid(3)));

			Authorization rework = ledger.authorize(JOB, two, uid(2), "site 2", notCalled());
			assertTrue(rework.rework());
			assertEquals(new SerialNumber(101), rework.serial());
		}
	}

	@Test
	void aRecordMakerThatFailsLeavesNothingAndTheSerialIsUsedNextTime() throws Exception {
		try (Ledger ledger = open()) {
			ledger.authorize(JOB, RANGE, uid(1), "site 1", recordsFor(uid(1)));
			byte[] hash = ledger.lastChainHash();
			SignatureException refusal = new SignatureException("the token is not logged in");

			LedgerException e = assertThrows(LedgerException.class, () -> ledger.authorize(JOB, RANGE, uid(2), "site 2",
					serial -> {
						throw refusal;
					}));
			assertSame(refusal, e.getCause());
			assertEquals("the record for UID " + uid(2) + " (serial 65537 of job " + JOB + ") could not be made, so"
					+ " nothing was written and the serial stays free: the token is not logged in", e.getMessage());
			assertEquals(1, ledger.lastSequence());
			assertArrayEquals(hash, ledger.lastChainHash());
			assertEquals(1, ledger.used(JOB));
			assertEquals(Optional.empty(), ledger.authorization(JOB, uid(2)));

			Authorization next = ledger.authorize(JOB, RANGE, uid(3), "site 2", recordsFor(uid(3)));
			assertEquals(new SerialNumber(65537), next.serial());
			assertEquals(2, next.sequence());
			assertArrayEquals(next.record(), Ledgers.all(ledger).get(1).record().get());
		}
		// and what was committed is what a reopened ledger has
		try (Ledger ledger = open()) {
			assertEquals(2, ledger.lastSequence());
			assertEquals(2, ledger.used(JOB));
		}
	}

	/**
	 * Eight sites authorize 500 UIDs at once, every UID twice from two different sites in a shuffled
	 * order: each UID gets one serial, the serials are exactly the first 500 of the range, and every
	 * second authorization is a rework with the same record.
	 */
	@Test
	void eightSitesAtOnceNeverShareASerialAndLeaveNoGap() throws Exception {
		int uids = 500;
		int sites = 8;
		try (Ledger ledger = open()) {
			List<List<DeviceUid>> work = new ArrayList<>();
			Random random = new Random(42);
			for (int site = 0; site < sites; site++) {
				List<DeviceUid> mine = new ArrayList<>();
				for (int n = 0; n < uids; n++) {
					// every UID belongs to two neighbouring sites
					if (n % sites == site || (n + 1) % sites == site) {
						mine.add(uid(n));
					}
				}
				Collections.shuffle(mine, random);
				work.add(mine);
			}
			Map<DeviceUid, List<Authorization>> results = new ConcurrentHashMap<>();
			CyclicBarrier start = new CyclicBarrier(sites);
			ExecutorService pool = Executors.newFixedThreadPool(sites);
			try {
				List<Future<?>> done = new ArrayList<>();
				for (int site = 0; site < sites; site++) {
					List<DeviceUid> mine = work.get(site);
					String detail = "site " + (site + 1);
					done.add(pool.submit(() -> {
						start.await();
						for (DeviceUid uid : mine) {
							Authorization a = ledger.authorize(JOB, RANGE, uid, detail, recordsFor(uid));
							results.computeIfAbsent(uid, key -> Collections.synchronizedList(new ArrayList<>())).add(a);
						}
						return null;
					}));
				}
				for (Future<?> f : done) {
					f.get();
				}
			} finally {
				pool.shutdown();
			}

			assertEquals(uids, ledger.used(JOB));
			assertEquals(uids, results.size());
			Set<Long> serials = new HashSet<>();
			for (Map.Entry<DeviceUid, List<Authorization>> entry : results.entrySet()) {
				List<Authorization> two = entry.getValue();
				assertEquals(2, two.size(), entry.getKey().toString());
				assertEquals(1, two.stream().filter(Authorization::rework).count(), entry.getKey().toString());
				assertEquals(two.get(0).serial(), two.get(1).serial());
				assertArrayEquals(record(entry.getKey(), two.get(0).serial()), two.get(1).record());
				serials.add(two.get(0).serial().value());
			}
			Set<Long> dense = new HashSet<>();
			for (long s = RANGE.first().value(); s < RANGE.first().value() + uids; s++) {
				dense.add(s);
			}
			assertEquals(dense, serials);

			// the ledger says the same: one device-authorized per UID, serials once each, a rework for each UID
			Map<String, Integer> types = new HashMap<>();
			Set<Long> ledgerSerials = new HashSet<>();
			long[] expected = { 1 };
			ledger.forEach(1, event -> {
				assertEquals(expected[0]++, event.sequence());
				types.merge(event.type(), 1, Integer::sum);
				if (event.type().equals(LedgerEventTypes.DEVICE_AUTHORIZED)) {
					assertTrue(ledgerSerials.add(event.serial().getAsLong()), "serial " + event.serial() + " twice");
				}
			});
			assertEquals(Map.of(LedgerEventTypes.DEVICE_AUTHORIZED, uids, LedgerEventTypes.DEVICE_REWORK, uids), types);
			assertEquals(dense, ledgerSerials);
			assertEquals(new Ledger.Counters(0, 0, uids, 0, 0, uids), ledger.counters(Optional.of(JOB), Instant.EPOCH));
		}
	}
}
