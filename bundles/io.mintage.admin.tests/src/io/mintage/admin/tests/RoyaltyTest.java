package io.mintage.admin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.admin.Admin;
import io.mintage.admin.Quota;
import io.mintage.admin.Royalty;
import io.mintage.admin.Station;

/** Royalties are exact decimals from the command line through the database and back; never a double. */
class RoyaltyTest {

	@TempDir
	Path folder;

	@Test
	void amountsAreExactAndKeepTheirScale() {
		assertEquals(0, new BigDecimal("100000.0").compareTo(Royalty.parse("0.1", "EUR").times(1_000_000)));
		assertEquals("100000.0", Royalty.parse("0.1", "EUR").times(1_000_000).toPlainString());
		assertEquals("0.10", Royalty.parse("0.10", "eur").amount());
		assertEquals("EUR", Royalty.parse("0.10", "eur").currency());
		assertEquals("0.000000001 USD", Royalty.parse("0.000000001", "USD").toString());
		for (String bad : List.of("1e3", "-1", "0.1234567891", "1,5", "", ".5", "0x10", "1234567890123")) {
			assertThrows(IllegalArgumentException.class, () -> Royalty.parse(bad, "EUR"), bad);
		}
		assertThrows(IllegalArgumentException.class, () -> Royalty.parse("1", "EURO"));
	}

	@Test
	void theDatabaseGivesBackExactlyWhatWasIssued() throws Exception {
		Admin admin = Fixture.withAuthority(folder);
		Station line3 = Fixture.enrol(admin, folder, "Line 3");
		admin.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 3, Royalty.parse("0.1", "EUR")));
		admin.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 7, Royalty.parse("0.10", "EUR")));
		admin.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 1_000_000, Royalty.parse("0.0125", "CHF")));
		admin.quotas().issue(Fixture.quota(line3, Fixture.SENSOR, 5));
		List<Quota> quotas = admin.quotas().list();
		assertEquals("0.1", quotas.get(0).royalty().orElseThrow().amount());
		assertEquals("0.10", quotas.get(1).royalty().orElseThrow().amount());
		assertEquals("0.0125", quotas.get(2).royalty().orElseThrow().amount());
		assertEquals("CHF", quotas.get(2).royalty().orElseThrow().currency());
		assertEquals(true, quotas.get(3).royalty().isEmpty());
		// 0.1 × 3 + 0.10 × 7 is exactly 1.000, where doubles give 0.30000000000000004 + ...
		BigDecimal euros = quotas.get(0).royalty().orElseThrow().times(3).add(quotas.get(1).royalty().orElseThrow().times(7));
		assertEquals(0, BigDecimal.ONE.compareTo(euros), euros.toPlainString());
		assertEquals("12500.0000", quotas.get(2).royalty().orElseThrow().times(1_000_000).toPlainString());
		assertEquals(List.of(List.of("0.1", "EUR"), List.of("0.10", "EUR"), List.of("0.0125", "CHF")),
				Fixture.rows(admin.database(), "quotas", "issued_ms, rowid").stream().filter(row -> row.get(9) != null)
						.map(row -> List.of(row.get(9), row.get(10))).toList());
	}
}
