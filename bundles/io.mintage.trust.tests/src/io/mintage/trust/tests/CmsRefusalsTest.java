package io.mintage.trust.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import io.mintage.core.sign.KeyStoreSession;
import io.mintage.testing.KeyStores;
import io.mintage.trust.AuthorityCertificates;
import io.mintage.trust.CmsSigner;
import io.mintage.trust.EnrolmentRequest;
import io.mintage.trust.JobPackage;
import io.mintage.trust.MintageObjectIds;
import io.mintage.trust.ProductId;
import io.mintage.trust.ProductInfo;
import io.mintage.trust.ProductionReport;
import io.mintage.trust.QuotaKey;
import io.mintage.trust.QuotaTerms;
import io.mintage.trust.RecordOptions;
import io.mintage.trust.ReportEvent;
import io.mintage.trust.TrustException;
import io.mintage.trust.internal.ReportCodec;
import io.mintage.trust.internal.SignedCms;

/** Everything a reader or issuer must refuse, each refusal in plain words. Keys in software keystores. */
class CmsRefusalsTest {

	private static final String SIGNATURE_BROKEN = "the signature does not verify, so it was changed after signing";

	@TempDir
	static Path keys;

	private static KeyStoreSession authorityStore;
	private static KeyStoreSession stationStore;
	private static KeyStoreSession otherStore;
	private static CmsFixture fixture;
	/** Another authority with the same name, and one with its own name. */
	private static X509Certificate impostor;
	private static X509Certificate otherAuthority;

	@BeforeAll
	static void open() throws Exception {
		authorityStore = KeyStores.openSoft(keys, "authority");
		stationStore = KeyStores.openSoft(keys, "station");
		otherStore = KeyStores.openSoft(keys, "other");
		fixture = new CmsFixture(authorityStore, stationStore);
		otherStore.generateKeyPair(CmsFixture.AUTHORITY);
		impostor = AuthorityCertificates.createAuthority(otherStore, CmsFixture.AUTHORITY, CmsFixture.AUTHORITY_NAME,
				fixture.now.plus(Duration.ofDays(3650)), fixture.clock);
		otherAuthority = AuthorityCertificates.createAuthority(otherStore, CmsFixture.AUTHORITY, "Other Authority",
				fixture.now.plus(Duration.ofDays(3650)), fixture.clock);
	}

	@AfterAll
	static void close() {
		authorityStore.close();
		stationStore.close();
		otherStore.close();
	}

	@Test
	void everySingleBitFlipOfAJobPackageIsRefused() throws Exception {
		byte[] job = fixture.job(fixture.quota()).encoded();
		everyFlipRefused(job, "the job package", bytes -> JobPackage.read(bytes, fixture.authority));
	}

	@Test
	void everySingleBitFlipOfAQuotaKeyIsRefused() throws Exception {
		byte[] quota = fixture.quota().encoded();
		everyFlipRefused(quota, "the quota key", bytes -> QuotaKey.read(bytes, fixture.authority));
	}

	@Test
	void everySingleBitFlipOfAReportIsRefused() throws Exception {
		byte[] report = fixture.report().encoded();
		everyFlipRefused(report, "the production report", bytes -> ProductionReport.read(bytes, fixture.authority));
	}

	private interface Reader {
		void read(byte[] bytes) throws TrustException;
	}

	private static void everyFlipRefused(byte[] original, String what, Reader reader) throws TrustException {
		reader.read(original);
		long start = System.nanoTime();
		List<String> accepted = new ArrayList<>();
		for (int bit = 0; bit < original.length * 8; bit++) {
			byte[] flipped = original.clone();
			flipped[bit / 8] ^= (byte) (1 << (bit % 8));
			try {
				reader.read(flipped);
				accepted.add("byte " + bit / 8 + " bit " + bit % 8 + String.format(" (0x%02x in ", original[bit / 8])
						+ java.util.HexFormat.of().formatHex(original, Math.max(0, bit / 8 - 8),
								Math.min(original.length, bit / 8 + 8)) + ")");
			} catch (TrustException refused) {
				String message = refused.getMessage();
				if (!message.startsWith(what) || message.contains("\n")) {
					fail("flipping byte " + bit / 8 + " bit " + bit % 8 + " gave a message that does not name " + what
							+ ": " + message);
				}
			}
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		if (!accepted.isEmpty()) {
			fail(accepted.size() + " single-bit flips of " + what + " (" + original.length + " bytes) were accepted,"
					+ ": " + String.join(", ", accepted.subList(0, Math.min(accepted.size(), 10))));
		}
		assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, original.length * 8 + " flips took " + took);
	}

	@Test
	void onlyTheAuthoritysOwnCertificateIsTrusted() throws Exception {
		byte[] job = fixture.job(fixture.quota()).encoded();
		assertEquals("the job package is not signed by the authority 'CN=Mintage Test Authority': its signer is"
				+ " 'CN=Mintage Test Authority' with another certificate",
				refused(() -> JobPackage.read(job, impostor)));
		assertEquals("the job package is not signed by the authority 'CN=Other Authority': its signer is"
				+ " 'CN=Mintage Test Authority'", refused(() -> JobPackage.read(job, otherAuthority)));
		byte[] quota = fixture.quota().encoded();
		assertEquals("the quota key is not signed by the authority 'CN=Other Authority': its signer is"
				+ " 'CN=Mintage Test Authority'", refused(() -> QuotaKey.read(quota, otherAuthority)));
	}

	@Test
	void anObjectSignedByAnotherAuthorityKeyIsRefused() throws Exception {
		// the impostor has the same name and signs with its own key and certificate
		CmsSigner impostorSigner = new CmsSigner(otherStore, CmsFixture.AUTHORITY, impostor);
		X509Certificate station = AuthorityCertificates.issueStation(otherStore, CmsFixture.AUTHORITY, impostor,
				EnrolmentRequest.create(stationStore, CmsFixture.STATION, "Station 1"), fixture.now.plus(Duration.ofDays(30)),
				fixture.clock);
		QuotaKey forged = QuotaKey.issue(impostorSigner, station, fixture.terms(), fixture.clock);
		assertEquals("the quota key is not signed by the authority 'CN=Mintage Test Authority': its signer is"
				+ " 'CN=Mintage Test Authority' with another certificate",
				refused(() -> QuotaKey.read(forged.encoded(), fixture.authority)));
	}

	@Test
	void aQuotaKeyIsOnlyForItsStationAndItsTime() throws Exception {
		QuotaKey quota = fixture.quota();
		QuotaTerms terms = quota.terms();
		X509Certificate second = secondStation();
		String message = refused(() -> quota.checkFor(second, fixture.now));
		assertTrue(message.startsWith("the quota key is for another station (quota " + terms.quotaId()
				+ " is for the station certificate with SHA-256 "), message);
		assertTrue(message.endsWith("…, not for 'CN=Station 2', " + java.util.HexFormat.of().withUpperCase()
				.formatHex(CmsFixture.sha256(second.getEncoded()), 0, 8) + "…)"), message);

		Instant late = terms.notAfter().plusSeconds(1);
		assertEquals("the quota key of quota " + terms.quotaId() + " expired on " + terms.notAfter() + " (checked at "
				+ late + ")", refused(() -> quota.checkFor(fixture.station, late)));
		Instant early = terms.notBefore().minusMillis(1);
		assertEquals("the quota key of quota " + terms.quotaId() + " is not valid before " + terms.notBefore()
				+ " (checked at " + early + ")", refused(() -> quota.checkFor(fixture.station, early)));
		// both ends are inside
		quota.checkFor(fixture.station, terms.notAfter());
		quota.checkFor(fixture.station, terms.notBefore());
	}

	private static X509Certificate secondStation() throws Exception {
		if (!stationStore.contains("station-2")) {
			stationStore.generateKeyPair("station-2");
		}
		return fixture.stationCertificate("station-2", "Station 2");
	}

	@Test
	void aQuotaMayNotOutliveTheStationCertificate() throws Exception {
		Instant stationEnd = fixture.station.getNotAfter().toInstant();
		QuotaTerms terms = new QuotaTerms(UUID.randomUUID(), CmsFixture.PRODUCT, CmsFixture.SERIALS, fixture.now,
				stationEnd.plusSeconds(1));
		assertEquals("the quota " + terms.quotaId() + " would end on " + terms.notAfter()
				+ ", after the station certificate 'CN=Station 1' ends on " + stationEnd
				+ "; choose an end on or before that",
				refused(() -> QuotaKey.issue(fixture.authoritySigner, fixture.station, terms, fixture.clock)));
	}

	@Test
	void aQuotaForAStationOfAnotherAuthorityIsNotIssued() throws Exception {
		X509Certificate foreign = AuthorityCertificates.issueStation(otherStore, CmsFixture.AUTHORITY, otherAuthority,
				EnrolmentRequest.create(stationStore, CmsFixture.STATION, "Station 1"), fixture.now.plus(Duration.ofDays(30)),
				fixture.clock);
		assertEquals("the station certificate CN=Station 1 was issued by CN=Other Authority, not by the authority"
				+ " certificate CN=Mintage Test Authority", refused(
						() -> QuotaKey.issue(fixture.authoritySigner, foreign, fixture.terms(), fixture.clock)));
	}

	@Test
	void aJobIsOnlyMadeWithAQuotaForItsProductAndStation() throws Exception {
		QuotaKey quota = fixture.quota();
		ProductInfo otherProduct = new ProductInfo(new ProductId(0x11111111L), "Gateway G2", "stm32f4");
		assertEquals("the quota key of quota " + quota.terms().quotaId() + " is for product 0x13572468, not for the"
				+ " job's product 0x11111111 (Gateway G2); no job package was made",
				refused(() -> JobPackage.issue(fixture.authoritySigner, fixture.station, UUID.randomUUID(), "G2",
						otherProduct, fixture.firmware(), fixture.firmwareFile, new RecordOptions(false), quota,
						fixture.clock)));

		X509Certificate second = secondStation();
		QuotaKey forSecond = QuotaKey.issue(fixture.authoritySigner, second, fixture.terms(), fixture.clock);
		assertEquals("the quota key of quota " + quota.terms().quotaId() + " is bound to another station, not to"
				+ " 'CN=Station 1'; no job package was made",
				refused(() -> JobPackage.issue(fixture.authoritySigner, fixture.station, UUID.randomUUID(), "T1",
						fixture.product(), fixture.firmware(), fixture.firmwareFile, new RecordOptions(false), forSecond,
						fixture.clock)));

		Clock later = Clock.fixed(quota.terms().notAfter().plusSeconds(1), java.time.ZoneOffset.UTC);
		assertEquals("the quota key of quota " + quota.terms().quotaId() + " expired on " + quota.terms().notAfter()
				+ "; no job package was made",
				refused(() -> JobPackage.issue(fixture.authoritySigner, fixture.station, UUID.randomUUID(), "T1",
						fixture.product(), fixture.firmware(), fixture.firmwareFile, new RecordOptions(false), quota,
						later)));
	}

	@Test
	void oneKindOfObjectIsNotTakenForAnother() throws Exception {
		byte[] quota = fixture.quota().encoded();
		assertEquals("the job package holds content of type " + MintageObjectIds.QUOTA_KEY + ", not "
				+ MintageObjectIds.JOB_PACKAGE, refused(() -> JobPackage.read(quota, fixture.authority)));
		byte[] pem = ("-----BEGIN CMS-----\n" + java.util.Base64.getMimeEncoder().encodeToString(quota)
				+ "\n-----END CMS-----\n").getBytes(StandardCharsets.US_ASCII);
		assertTrue(refused(() -> QuotaKey.read(pem, fixture.authority))
				.startsWith("the quota key is not a DER-encoded ASN.1 object: "));
		byte[] trailing = java.util.Arrays.copyOf(quota, quota.length + 1);
		assertTrue(refused(() -> QuotaKey.read(trailing, fixture.authority))
				.startsWith("the quota key is not a DER-encoded ASN.1 object: "));
		assertEquals("the quota key is empty", refused(() -> QuotaKey.read(new byte[0], fixture.authority)));
	}

	@Test
	void aReportFromAStationOfAnotherAuthorityIsRefused() throws Exception {
		X509Certificate foreign = AuthorityCertificates.issueStation(otherStore, CmsFixture.AUTHORITY, otherAuthority,
				EnrolmentRequest.create(stationStore, CmsFixture.STATION, "Station 1"), fixture.now.plus(Duration.ofDays(30)),
				fixture.clock);
		ProductionReport report = ProductionReport.issue(new CmsSigner(stationStore, CmsFixture.STATION, foreign),
				UUID.randomUUID(), CmsFixture.genesis(), fixture.events(), fixture.clock);
		assertEquals("the production report is not from a station of the authority 'CN=Mintage Test Authority':"
				+ " the station certificate CN=Station 1 was issued by CN=Other Authority, not by the authority"
				+ " certificate CN=Mintage Test Authority",
				refused(() -> ProductionReport.read(report.encoded(), fixture.authority)));
	}

	@Test
	void aReportSignedWhenTheStationCertificateWasNotValidIsRefused() throws Exception {
		Clock afterEnd = Clock.fixed(fixture.station.getNotAfter().toInstant().plusSeconds(60), java.time.ZoneOffset.UTC);
		ProductionReport report = ProductionReport.issue(fixture.stationSigner, UUID.randomUUID(), CmsFixture.genesis(),
				fixture.events(), afterEnd);
		assertTrue(refused(() -> ProductionReport.read(report.encoded(), fixture.authority))
				.startsWith("the production report is not from a station of the authority 'CN=Mintage Test Authority':"
						+ " the station certificate CN=Station 1 expired on "));
	}

	@Test
	void aStationDoesNotSignEventsWithAGap() throws Exception {
		List<ReportEvent> events = new ArrayList<>(fixture.events());
		events.remove(1);
		assertEquals("the events of the production report are not consecutive: event 43 follows event 41; no report"
				+ " was made", refused(() -> ProductionReport.issue(fixture.stationSigner, UUID.randomUUID(),
						CmsFixture.genesis(), events, fixture.clock)));
	}

	@Test
	void aSignedReportWithAGapOrABrokenChainIsRefused() throws Exception {
		List<ReportEvent> gap = new ArrayList<>(fixture.events());
		gap.remove(1);
		assertEquals("the events of the production report are not consecutive: event 43 follows event 41; the report"
				+ " is refused", refused(() -> ProductionReport.read(signed(gap, chain(gap)), fixture.authority)));

		List<ReportEvent> events = fixture.events();
		List<byte[]> broken = chain(events);
		broken.get(1)[31] ^= 0x01;
		assertEquals("the production report's hash chain is broken at event 42: its chain hash is not the SHA-256 of"
				+ " the previous one and the event",
				refused(() -> ProductionReport.read(signed(events, broken), fixture.authority)));

		// an event rewritten after the fact, its own hash recomputed but not the later ones
		List<ReportEvent> rewritten = new ArrayList<>(events);
		ReportEvent original = events.get(1);
		rewritten.set(1, new ReportEvent(original.sequence(), original.type(), original.time(), original.jobId(),
				original.uid(), OptionalLong.of(66771), original.record(), original.detail()));
		List<byte[]> hashes = chain(events);
		hashes.set(1, rewritten.get(1).chainHash(hashes.get(0)));
		assertEquals("the production report's hash chain is broken at event 43: its chain hash is not the SHA-256 of"
				+ " the previous one and the event",
				refused(() -> ProductionReport.read(signed(rewritten, hashes), fixture.authority)));

		// the untampered content signed the same way is accepted: the refusals above are the content's
		ProductionReport.read(signed(events, chain(events)), fixture.authority);
	}

	@Test
	void aReportNamingAnotherStationCertificateIsRefused() throws Exception {
		List<ReportEvent> events = fixture.events();
		byte[] content = ReportCodec.encode(UUID.randomUUID(), CmsFixture.sha256(secondStation().getEncoded()),
				CmsFixture.genesis(), events, chain(events));
		byte[] report = SignedCms.sign(fixture.stationSigner, MintageObjectIds.PRODUCTION_REPORT, content, fixture.now,
				"the production report");
		assertEquals("the production report names another station certificate than the one that signed it"
				+ " ('CN=Station 1')", refused(() -> ProductionReport.read(report, fixture.authority)));
	}

	@Test
	void reportEventsKeepTheirValues() {
		ReportEvent event = new ReportEvent(1, "record-signed", Instant.parse("2026-03-01T08:00:00.123456Z"),
				CmsFixture.jobId(), Optional.of(CmsFixture.UID), OptionalLong.of(7), Optional.of(new byte[] { 1, 2 }),
				Optional.empty());
		assertEquals(Instant.parse("2026-03-01T08:00:00.123Z"), event.time());
		event.record().get()[0] = 9;
		assertEquals(1, event.record().get()[0], "copied out");
		assertEquals("an event's type and detail are text UTF-8 can hold (no unpaired surrogates)",
				assertThrows(IllegalArgumentException.class, () -> new ReportEvent(1, "record-signed\uD800",
						Instant.EPOCH, CmsFixture.jobId(), Optional.empty(), OptionalLong.empty(), Optional.empty(),
						Optional.empty())).getMessage());
		assertEquals(event, new ReportEvent(1, "record-signed", Instant.parse("2026-03-01T08:00:00.123Z"),
				CmsFixture.jobId(), Optional.of(CmsFixture.UID), OptionalLong.of(7), Optional.of(new byte[] { 1, 2 }),
				Optional.empty()));
	}

	private static List<byte[]> chain(List<ReportEvent> events) {
		List<byte[]> hashes = new ArrayList<>();
		byte[] chain = CmsFixture.genesis();
		for (ReportEvent event : events) {
			chain = event.chainHash(chain);
			hashes.add(chain);
		}
		return hashes;
	}

	/** Content the station would never sign, signed with its key all the same. */
	private static byte[] signed(List<ReportEvent> events, List<byte[]> hashes) throws Exception {
		byte[] content = ReportCodec.encode(UUID.randomUUID(), CmsFixture.sha256(fixture.station.getEncoded()),
				CmsFixture.genesis(), events, hashes);
		return SignedCms.sign(fixture.stationSigner, MintageObjectIds.PRODUCTION_REPORT, content, fixture.now,
				"the production report");
	}

	private static String refused(Executable executable) {
		return assertThrows(TrustException.class, executable).getMessage();
	}
}
