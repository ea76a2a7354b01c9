package io.mintage.admin.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.Quota;
import io.mintage.admin.Station;
import io.mintage.trust.QuotaKey;

/**
 * Serial ranges of one product never overlap, across every quota and every issuer: automatic ranges follow
 * each other from 1, a range asked for is checked, products are independent, and issuers in parallel
 * threads with their own handles on the same folder (each its own connections) still get disjoint ranges.
 */
class SerialAllocationTest {

	@TempDir
	java.nio.file.Path folder;

	Admin admin;
	Station line3;
	Station line4;

	@BeforeEach
	void setUp() throws Exception {
		admin = Fixture.withAuthority(folder);
		line3 = Fixture.enrol(admin, folder, "Line 3");
		line4 = Fixture.enrol(admin, folder, "Line 4");
	}

	@Test
	void automaticRangesFollowEachOtherFromOneAndTheQuotaKeyCarriesThem() throws Exception {
		Quota first = admin.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 100)).quota();
		var second = admin.quotas().issue(Fixture.quota(line4, Fixture.SENSOR, 50));
		Quota third = admin.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 1)).quota();
		assertEquals(1, first.firstSerial());
		assertEquals(100, first.lastSerial());
		assertEquals(101, second.quota().firstSerial());
		assertEquals(151, third.firstSerial());
		QuotaKey key = QuotaKey.read(second.quotaKey(), admin.authority().require().certificate());
		assertEquals(101, key.terms().serials().first().value());
		assertEquals(50, key.terms().serials().count());
		assertEquals(second.quota().id(), key.terms().quotaId());
		assertArrayEquals(second.quotaKey(), admin.quotas().quotaKey(second.quota().id()));
		// another product starts from 1 again
		assertEquals(1, admin.quotas().issue(Fixture.quota(line3, Fixture.OTHER, 10)).quota().firstSerial());
	}

	@Test
	void aRangeAskedForIsCheckedAgainstEveryQuotaOfTheProduct() throws Exception {
		Quota high = admin.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 5000, 1000)).quota();
		AdminException overlap = assertThrows(AdminException.class,
				() -> admin.quotas().issue(Fixture.quota(line4, Fixture.SENSOR, 5999, 10)));
		assertTrue(overlap.getMessage().contains("serials 5999 to 6008 of product " + Fixture.SENSOR + " overlap quota "
				+ high.id() + " (serials 5000 to 5999, station " + line3.subject() + ")"), overlap.getMessage());
		assertThrows(AdminException.class, () -> admin.quotas().issue(Fixture.quota(line4, Fixture.SENSOR, 4000, 1001)));
		// just below and just above are free; the same serials of another product too
		admin.quotas().issue(Fixture.quota(line4, Fixture.SENSOR, 4000, 1000));
		admin.quotas().issue(Fixture.quota(line4, Fixture.SENSOR, 6000, 1));
		admin.quotas().issue(Fixture.quota(line4, Fixture.OTHER, 5000, 1000));
		// an automatic range goes after the highest one
		assertEquals(6001, admin.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 10)).quota().firstSerial());
		assertDisjoint(admin.quotas().list().stream().filter(q -> q.product().equals(Fixture.SENSOR)).toList());
	}

	@Test
	void whenTheTopIsTakenTheLowestGapThatFitsIsUsed() throws Exception {
		admin.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 100, 50));
		admin.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 4294967290L, 6));
		assertEquals(1, admin.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 99)).quota().firstSerial());
		assertEquals(150, admin.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 1000)).quota().firstSerial());
		AdminException full = assertThrows(AdminException.class,
				() -> admin.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 4294967290L)));
		assertTrue(full.getMessage().contains("no free range of 4294967290 serials is left for product"),
				full.getMessage());
	}

	@Test
	void concurrentIssuersNeverShareASerial() throws Exception {
		int issuers = 6;
		int quotasEach = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(issuers);
		try {
			List<Future<List<Quota>>> results = new ArrayList<>();
			for (int i = 0; i < issuers; i++) {
				int issuer = i;
				Callable<List<Quota>> work = () -> {
					// each issuer its own handle on the folder, as separate windows and commands have
					Admin own = Fixture.store().open(admin.home());
					start.await();
					List<Quota> issued = new ArrayList<>();
					for (int q = 0; q < quotasEach; q++) {
						Station station = (issuer + q) % 2 == 0 ? line3 : line4;
						issued.add(own.quotas().issue(Fixture.quota(station, Fixture.SENSOR, 1 + issuer * 7 + q))
								.quota());
					}
					return issued;
				};
				results.add(pool.submit(work));
			}
			start.countDown();
			List<Quota> all = new ArrayList<>();
			for (Future<List<Quota>> result : results) {
				all.addAll(result.get());
			}
			assertEquals(issuers * quotasEach, all.size());
			assertDisjoint(all);
			assertEquals(all.size(), admin.quotas().list().size());
			long total = all.stream().mapToLong(Quota::count).sum();
			// dense: automatic ranges leave no gaps when nothing else was issued
			assertEquals(total, all.stream().mapToLong(Quota::lastSerial).max().orElseThrow());
		} finally {
			pool.shutdownNow();
		}
	}

	static void assertDisjoint(List<Quota> quotas) {
		List<Quota> sorted = new ArrayList<>(quotas);
		Collections.sort(sorted, Comparator.comparingLong(Quota::firstSerial));
		for (int i = 1; i < sorted.size(); i++) {
			assertTrue(sorted.get(i - 1).lastSerial() < sorted.get(i).firstSerial(),
					"overlap: " + sorted.get(i - 1) + " and " + sorted.get(i));
		}
	}
}
