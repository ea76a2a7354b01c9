package io.mintage.trust.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.SigningKeys;
import io.mintage.testing.KeyStores;
import io.mintage.trust.AuthorityCertificates;
import io.mintage.trust.BatchCertificate;
import io.mintage.trust.BrokenChainException;
import io.mintage.trust.CertificateIssuer;
import io.mintage.trust.CheckedEvent;
import io.mintage.trust.CmsSigner;
import io.mintage.trust.DeviceRecord;
import io.mintage.trust.EcdsaSigningKey;
import io.mintage.trust.MintageObjectIds;
import io.mintage.trust.ProductionReport;
import io.mintage.trust.ProductionReportReader;
import io.mintage.trust.QuotaKey;
import io.mintage.trust.RecordFailure;
import io.mintage.trust.RecordSigner;
import io.mintage.trust.ReportEvent;
import io.mintage.trust.ReportHeader;
import io.mintage.trust.ReportImport;
import io.mintage.trust.ReportRecordCheck;
import io.mintage.trust.ReportVerdict;
import io.mintage.trust.TrustException;
import io.mintage.trust.internal.ReportCodec;
import io.mintage.trust.internal.SignedCms;
import io.mintage.trust.internal.SoftwareSigningKey;

/**
 * The streaming report reader against {@link ProductionReport#read}: the same reports accepted with the
 * same content, the same refused, and the device records inside checked and each failure named. Real
 * keys in software keystores; the batch key comes out of a real quota key as the station unwraps it.
 */
class ProductionReportReaderTest {

	private static final String WHAT = "the production report (";

	@TempDir
	static Path keys;
	@TempDir
	Path files;

	private static KeyStoreSession authorityStore;
	private static KeyStoreSession stationStore;
	private static KeyStoreSession otherStore;
	private static CmsFixture fixture;
	private static QuotaKey quota;
	private static RecordSigner records;
	private static ProductionReportReader reader;
	private static ProductionReportReader oneThread;

	@BeforeAll
	static void open() throws Exception {
		authorityStore = KeyStores.openSoft(keys, "authority");
		stationStore = KeyStores.openSoft(keys, "station");
		otherStore = KeyStores.openSoft(keys, "other");
		fixture = new CmsFixture(authorityStore, stationStore);
		quota = QuotaKey.read(fixture.quota().encoded(), fixture.authority);
		KeyPair batch = quota.unwrapBatchKey(stationStore, CmsFixture.STATION);
		String alias = "batch-" + quota.terms().quotaId();
		stationStore.importKeyPair(alias, batch);
		records = new RecordSigner(EcdsaSigningKey.inBackend(stationStore, alias), quota.batchCertificate());
		reader = new ProductionReportReader(fixture.authority, 2);
		oneThread = new ProductionReportReader(fixture.authority, 1);
	}

	@AfterAll
	static void close() {
		authorityStore.close();
		stationStore.close();
		otherStore.close();
	}

	@Test
	void theStreamingReaderGivesExactlyWhatReadGives() throws Exception {
		ProductionReport report = issue(production(40, true));
		Path file = write(report.encoded());
		ProductionReport read = ProductionReport.read(report.encoded(), fixture.authority);
		for (ProductionReportReader each : List.of(reader, oneThread)) {
			Collected collected = new Collected();
			ReportVerdict verdict = each.read(file, collected);
			assertSame(collected.committed, verdict);
			assertNull(collected.abandoned);
			assertEquals(read.reportId(), collected.header.reportId());
			assertEquals(read.station(), collected.header.station());
			assertArrayEquals(read.previousChainHash(), collected.header.previousChainHash());
			assertEquals(read.signedAt(), collected.header.signedAt());
			assertEquals(read.events(), collected.events.stream().map(CheckedEvent::event).toList());
			assertArrayEquals(read.lastChainHash(), verdict.lastChainHash());
			byte[] chain = read.previousChainHash();
			for (CheckedEvent event : collected.events) {
				chain = event.event().chainHash(chain);
				assertArrayEquals(chain, event.chainHash());
			}
			assertEquals(read.events().size(), verdict.events());
			assertEquals(40, verdict.recordsVerified());
			assertTrue(verdict.allRecordsVerified());
			for (CheckedEvent event : collected.events) {
				assertEquals(event.event().type().equals("device-authorized"), event.recordChecked());
				event.verifiedRecord().ifPresent(record -> {
					assertArrayEquals(event.event().record().orElseThrow(), record.encode());
					assertEquals(event.event().uid().orElseThrow(), record.uid());
				});
			}
		}
	}

	@Test
	void aReportWithoutEventsReads() throws Exception {
		ProductionReport report = issue(List.of());
		Collected collected = new Collected();
		ReportVerdict verdict = reader.read(write(report.encoded()), collected);
		assertEquals(0, verdict.events());
		assertArrayEquals(CmsFixture.genesis(), verdict.lastChainHash());
		assertTrue(collected.events.isEmpty());
	}

	/** The reader accepts exactly what ProductionReport.read accepts: every single-bit flip and every cut. */
	@Test
	void everySingleBitFlipAndEveryCutIsRefusedByBothReaders() throws Exception {
		byte[] original = issue(production(1)).encoded();
		Path file = files.resolve("flipped.der");
		List<String> disagreements = new ArrayList<>();
		for (int bit = 0; bit < original.length * 8; bit++) {
			byte[] flipped = original.clone();
			flipped[bit / 8] ^= (byte) (1 << (bit % 8));
			compare(flipped, file, "byte " + bit / 8 + " bit " + bit % 8, disagreements);
		}
		for (int length = 0; length < original.length; length++) {
			compare(Arrays.copyOf(original, length), file, "cut to " + length + " bytes", disagreements);
		}
		if (!disagreements.isEmpty()) {
			fail(disagreements.size() + " inputs were judged differently: "
					+ String.join("; ", disagreements.subList(0, Math.min(10, disagreements.size()))));
		}
	}

	private static void compare(byte[] bytes, Path file, String change, List<String> disagreements) throws Exception {
		Files.write(file, bytes);
		String byRead = null;
		try {
			ProductionReport.read(bytes, fixture.authority);
		} catch (TrustException refused) {
			byRead = refused.getMessage();
		}
		Collected collected = new Collected();
		String byStream = null;
		try {
			oneThread.read(file, collected);
		} catch (TrustException refused) {
			byStream = refused.getMessage();
			if (!byStream.startsWith(WHAT + file + ")") && !byStream.startsWith("the events of " + WHAT + file + ")")
					|| byStream.contains("\n")) {
				disagreements.add(change + ": a message that does not name the file: " + byStream);
			}
			if (collected.abandoned != refused || collected.committed != null) {
				disagreements.add(change + ": refused, but the import was not abandoned");
			}
		}
		if ((byRead == null) != (byStream == null)) {
			disagreements.add(change + ": read " + (byRead == null ? "accepts" : "refuses (" + byRead + ")")
					+ ", the streaming reader " + (byStream == null ? "accepts" : "refuses (" + byStream + ")"));
		}
	}

	@Test
	void aByteChangedInAnEventBreaksTheChainThereAndNothingIsCommitted() throws Exception {
		List<ReportEvent> events = production(3);
		byte[] encoded = issue(events).encoded();
		// event 5 is the second device's device-completed, detail "site 2": make it "site 3"
		ReportEvent target = events.get(4);
		assertEquals("device-completed", target.type());
		byte[] hash = chain(events).get(4);
		byte[] changed = replaceOnce(encoded, detailAndChainHash("site 2", hash), detailAndChainHash("site 3", hash));
		Collected collected = new Collected();
		Path file = write(changed);
		TrustException refused = assertThrows(TrustException.class, () -> reader.read(file, collected));
		assertEquals(WHAT + file + ")'s hash chain is broken at event 5: its chain hash is not the SHA-256 of the"
				+ " previous one and the event", refused.getMessage());
		assertSame(refused, collected.abandoned);
		assertNull(collected.committed);
	}

	@Test
	void aChangedHeaderIsCaughtByTheSignatureAtTheEndAfterTheEventsWentIntoTheImport() throws Exception {
		ProductionReport report = issue(production(3));
		byte[] encoded = report.encoded();
		// the report id is not in the chain: only the signature covers it, and that is known at the last byte
		byte[] id = uuidBytes(report.reportId());
		byte[] other = id.clone();
		other[15] ^= 1;
		byte[] changed = replaceOnce(encoded, id, other);
		Collected collected = new Collected();
		Path file = write(changed);
		TrustException refused = assertThrows(TrustException.class, () -> reader.read(file, collected));
		assertTrue(refused.getMessage().startsWith(WHAT + file + ") is not signed by 'CN=Station 1': the signature"
				+ " does not verify, so it was changed after signing"), refused.getMessage());
		assertEquals(report.events().size(), collected.events.size(), "every event went into the import");
		assertSame(refused, collected.abandoned, "and the import was abandoned, not committed");
		assertNull(collected.committed);
	}

	@Test
	void aRemovedOrReorderedEventIsRefusedEvenWhenTheStationSignedIt() throws Exception {
		List<ReportEvent> events = production(3);
		List<byte[]> hashes = chain(events);
		List<ReportEvent> removed = new ArrayList<>(events);
		List<byte[]> removedHashes = new ArrayList<>(hashes);
		removed.remove(3);
		removedHashes.remove(3);
		Path gap = write(signed(removed, removedHashes));
		assertEquals("the events of " + WHAT + gap + ") are not consecutive: event 5 follows event 3; the report is"
				+ " refused", refused(gap));

		List<ReportEvent> swapped = new ArrayList<>(events);
		List<byte[]> swappedHashes = new ArrayList<>(hashes);
		swapped.set(3, events.get(4));
		swapped.set(4, events.get(3));
		swappedHashes.set(3, hashes.get(4));
		swappedHashes.set(4, hashes.get(3));
		Path reordered = write(signed(swapped, swappedHashes));
		assertEquals("the events of " + WHAT + reordered + ") are not consecutive: event 5 follows event 3; the report"
				+ " is refused", refused(reordered));

		// renumbered to be consecutive again, the chain shows it
		List<ReportEvent> renumbered = new ArrayList<>(removed);
		for (int i = 3; i < renumbered.size(); i++) {
			renumbered.set(i, withSequence(renumbered.get(i), renumbered.get(i).sequence() - 1));
		}
		Path rewritten = write(signed(renumbered, removedHashes));
		assertEquals(WHAT + rewritten + ")'s hash chain is broken at event 4: its chain hash is not the SHA-256 of the"
				+ " previous one and the event", refused(rewritten));
	}

	@Test
	void aSignatureByAnotherStationsKeyIsRefusedBeforeAnyEvent() throws Exception {
		otherStore.generateKeyPair("thief");
		// the certificate of station 1 in the report, the signature made with another key
		SigningKeys impostor = new SignsWithAnother(stationStore, CmsFixture.STATION, otherStore, "thief");
		byte[] content = ReportCodec.encode(UUID.randomUUID(), CmsFixture.sha256(fixture.station.getEncoded()),
				CmsFixture.genesis(), production(2), chain(production(2)));
		byte[] report = SignedCms.sign(new CmsSigner(impostor, CmsFixture.STATION, fixture.station),
				MintageObjectIds.PRODUCTION_REPORT, content, fixture.now, "the production report");
		Collected collected = new Collected();
		Path file = write(report);
		TrustException refused = assertThrows(TrustException.class, () -> reader.read(file, collected));
		assertEquals(WHAT + file + ") is not signed by 'CN=Station 1': the signature does not verify, so it was"
				+ " changed after signing", refused.getMessage());
		assertNull(collected.header, "nothing was handed out");
		assertTrue(collected.events.isEmpty());
		assertSame(refused, collected.abandoned);
	}

	@Test
	void aStationCertificateNotFromTheAuthorityIsRefused() throws Exception {
		otherStore.generateKeyPair("authority");
		X509Certificate impostor = AuthorityCertificates.createAuthority(otherStore, "authority",
				CmsFixture.AUTHORITY_NAME, fixture.now.plus(Duration.ofDays(3650)), fixture.clock);
		X509Certificate foreign = AuthorityCertificates.issueStation(otherStore, "authority", impostor,
				io.mintage.trust.EnrolmentRequest.create(stationStore, CmsFixture.STATION, "Station 1"),
				fixture.now.plus(Duration.ofDays(365)), fixture.clock);
		ProductionReport report = ProductionReport.issue(new CmsSigner(stationStore, CmsFixture.STATION, foreign),
				UUID.randomUUID(), CmsFixture.genesis(), production(1), fixture.clock);
		Path file = write(report.encoded());
		assertTrue(refused(file).startsWith(WHAT + file + ") is not from a station of the authority"
				+ " 'CN=Mintage Test Authority':"), refused(file));
	}

	@Test
	void nonCanonicalDerAndCutFilesAreRefusedInPlainWords() throws Exception {
		byte[] encoded = issue(production(1)).encoded();
		assertEquals(0x30, encoded[0] & 0xFF);
		assertEquals(0x82, encoded[1] & 0xFF, "a report of this size has a two-byte length");
		// the same length in three bytes: BER allows it, DER does not
		byte[] longer = new byte[encoded.length + 1];
		longer[0] = 0x30;
		longer[1] = (byte) 0x83;
		longer[2] = 0;
		System.arraycopy(encoded, 2, longer, 3, encoded.length - 2);
		Path padded = write(longer);
		assertEquals(WHAT + padded + ") is not in canonical DER: the length of its ContentInfo has a leading zero byte",
				refused(padded));
		assertThrows(TrustException.class, () -> ProductionReport.read(longer, fixture.authority));

		byte[] indefinite = encoded.clone();
		indefinite[1] = (byte) 0x80;
		Path ber = write(indefinite);
		assertEquals(WHAT + ber + ") is not in DER: its ContentInfo has an indefinite length (BER)", refused(ber));

		Path cut = write(Arrays.copyOf(encoded, encoded.length - 10));
		assertEquals(WHAT + cut + ") is cut short: it says it holds " + encoded.length + " bytes, the file has "
				+ (encoded.length - 10), refused(cut));
		Path trailing = write(Arrays.copyOf(encoded, encoded.length + 1));
		assertEquals(WHAT + trailing + ") has 1 byte after its end", refused(trailing));
		Path empty = write(new byte[0]);
		assertEquals(WHAT + empty + ") is empty", refused(empty));
		Path missing = files.resolve("missing.der");
		assertThrows(IOException.class, () -> reader.read(missing, new Collected()));
	}

	@Test
	void forgedRecordsAreNamedWithTheirEventUidAndSerialAndTheReportStillReads() throws Exception {
		List<ReportEvent> events = new ArrayList<>(production(6));
		// device 1 (events 2, 3): a record signed by another batch key under the real certificate
		DeviceRecord genuine = DeviceRecord.decode(events.get(1).record().orElseThrow());
		SoftwareSigningKey thief = new SoftwareSigningKey(CmsFixture.sha256("another batch key".getBytes()));
		DeviceRecord forged = new DeviceRecord(genuine.content(), thief.sign(genuine.content().signedBytes()));
		events.set(1, withRecord(events.get(1), forged.encode()));
		// device 2 (events 4, 5): the genuine record of another chip
		events.set(3, withRecord(events.get(3), events.get(5).record().orElseThrow()));
		// device 3: a record for its chip but with another serial of the range
		DeviceRecord otherSerial = records.sign(new SerialNumber(events.get(5).serial().getAsLong() + 1000),
				events.get(5).uid().orElseThrow(), Optional.empty());
		events.set(5, withRecord(events.get(5), otherSerial.encode()));
		// device 4: a batch certificate the authority never signed, with a key of the thief's own
		BatchCertificate invented = new CertificateIssuer(thief).issue(new BatchCertificate.Content(
				quota.terms().quotaId(), CmsFixture.PRODUCT, CmsFixture.SERIALS, quota.batchCertificate().notAfter(),
				thief.publicKey()));
		DeviceRecord unauthorized = new RecordSigner(thief, invented).sign(
				new SerialNumber(events.get(7).serial().getAsLong()), events.get(7).uid().orElseThrow(),
				Optional.empty());
		events.set(7, withRecord(events.get(7), unauthorized.encode()));
		// device 5: no record at all
		events.set(9, withRecord(events.get(9), null));

		Collected collected = new Collected();
		ReportVerdict verdict = reader.read(write(issue(events).encoded()), collected);
		List<String> failures = verdict.firstFailures().stream().map(RecordFailure::toString).toList();
		assertEquals(List.of(
				"event 2, UID " + uid(0) + ", serial 65536: batch-signature: the record is not signed by the batch key"
						+ " its certificate names (" + quota.batchCertificate().batchPublicKey() + ")",
				"event 4, UID " + uid(1) + ", serial 65537: device-uid: the record is for the chip with UID " + uid(2)
						+ ", the event's chip has UID " + uid(1),
				"event 6, UID " + uid(2) + ", serial 65538: event-serial: the record carries serial 66538, the event"
						+ " serial 65538",
				"event 8, UID " + uid(3) + ", serial 65539: authority-signature: the batch certificate of quota "
						+ quota.terms().quotaId() + " is not signed by the authority key ("
						+ io.mintage.trust.P256PublicKey.fromJca(fixture.authority.getPublicKey()) + ")",
				"event 10, UID " + uid(4) + ", serial 65540: record-present: the device-authorized event lacks its"
						+ " device record"),
				failures);
		assertEquals(5, verdict.recordsRefused());
		assertEquals(1, verdict.recordsVerified(), "device 6");
		assertFalse(verdict.allRecordsVerified());
		assertEquals(ReportRecordCheck.BATCH_SIGNATURE, collected.events.get(1).recordFailure().orElseThrow().check());
		assertSame(verdict, collected.committed, "an authentic report with forged records still reads");
	}

	@Test
	void eventsComeOutInOrderAndAnImportThatFailsIsAbandoned() throws Exception {
		Path file = write(issue(production(60)).encoded());
		Collected collected = new Collected();
		reader.read(file, collected);
		for (int i = 0; i < collected.events.size(); i++) {
			assertEquals(i + 1, collected.events.get(i).event().sequence());
		}
		RuntimeException full = new IllegalStateException("the database is full");
		Collected failing = new Collected() {
			@Override
			public void event(CheckedEvent event) {
				if (event.event().sequence() == 30) {
					throw full;
				}
				super.event(event);
			}
		};
		assertSame(full, assertThrows(IllegalStateException.class, () -> reader.read(file, failing)));
		assertSame(full, failing.abandoned);
		assertNull(failing.committed);
		assertEquals(29, failing.events.size());
	}

	@Test
	void checkpointsAreCheckedWithTheStationKeyAndAFailedOneIsNamedWithoutRefusingTheReport() throws Exception {
		// three devices (events 1-7), a checkpoint over event 7, then a bad one of each kind
		List<ReportEvent> events = new ArrayList<>(production(3));
		events.add(checkpoint(events, 8, Optional.empty(), Optional.empty()));
		events.add(checkpoint(events, 9, Optional.of("signs the chain hash of event 7"), Optional.empty()));
		otherStore.generateKeyPair("thief-checkpoint");
		byte[] before = chain(events).get(events.size() - 1);
		events.add(checkpoint(events, 10, Optional.empty(), Optional.of(otherStore.sign("thief-checkpoint", before))));
		events.add(new ReportEvent(11, ProductionReportReader.CHECKPOINT, fixture.now.minusSeconds(60), new UUID(0, 0),
				Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.of("signs the chain hash of event 10")));
		Collected collected = new Collected();
		Path file = write(issue(events).encoded());
		ReportVerdict verdict = reader.read(file, collected);
		assertEquals(1, verdict.checkpointsVerified());
		assertEquals(3, verdict.checkpointsRefused());
		assertFalse(verdict.allCheckpointsVerified());
		assertSame(verdict, collected.committed, "an authentic report with bad checkpoints still reads");
		List<String> failures = collected.events.stream().flatMap(event -> event.checkpointFailure().stream()).toList();
		assertEquals(List.of(
				"checkpoint 9 of " + WHAT + file + ") does not name event 8 as the one it signs",
				"checkpoint 10 of " + WHAT + file + "): the signature does not verify with the station certificate over"
						+ " the chain hash of event 9 (history before it was rewritten)",
				"checkpoint 11 of " + WHAT + file + ") holds no signature"), failures);
		assertTrue(collected.events.get(7).checkpointFailure().isEmpty(), "the good checkpoint");
	}

	@Test
	void historyRewrittenUnderACheckpointShowsThereEvenWhenTheChainWasRecomputed() throws Exception {
		List<ReportEvent> events = new ArrayList<>(production(3));
		events.add(checkpoint(events, 8, Optional.empty(), Optional.empty()));
		// someone with the database but not the key changes device 2's serial detail and recomputes every
		// chain hash; the station signs what its ledger then holds
		ReportEvent changed = events.get(4);
		events.set(4, new ReportEvent(changed.sequence(), changed.type(), changed.time(), changed.jobId(), changed.uid(),
				changed.serial(), changed.record(), Optional.of("site 9")));
		Collected collected = new Collected();
		ReportVerdict verdict = reader.read(write(issue(events).encoded()), collected);
		assertEquals(1, verdict.checkpointsRefused());
		assertTrue(collected.events.get(7).checkpointFailure().orElseThrow().contains("checkpoint 8 of"));
		assertEquals(ProductionReport.read(issue(events).encoded(), fixture.authority).events(),
				collected.events.stream().map(CheckedEvent::event).toList(), "both readers give the same events");
	}

	@Test
	void aBrokenChainIsItsOwnRefusalNamingTheEvent() throws Exception {
		List<ReportEvent> events = production(2);
		List<byte[]> hashes = new ArrayList<>(chain(events));
		hashes.set(2, hashes.get(1));
		Path file = write(signed(events, hashes));
		BrokenChainException broken = assertThrows(BrokenChainException.class, () -> reader.read(file, new Collected()));
		assertEquals(3, broken.sequence());
		assertThrows(BrokenChainException.class, () -> ProductionReport.read(Files.readAllBytes(file), fixture.authority));
	}

	@Test
	void theClaimsOfAReportNameItEvenWhenItsSignatureFails() throws Exception {
		ProductionReport report = issue(production(1));
		ProductionReportReader.Claims claims = ProductionReportReader.claims(write(report.encoded())).orElseThrow();
		assertEquals(report.reportId(), claims.reportId());
		assertEquals(fixture.station, claims.signer());
		assertEquals(report.signedAt(), claims.signedAt());
		byte[] changed = report.encoded();
		changed[changed.length - 5] ^= 1; // inside the signature
		Path forged = write(changed);
		assertThrows(TrustException.class, () -> reader.read(forged, new Collected()));
		assertEquals(report.reportId(), ProductionReportReader.claims(forged).orElseThrow().reportId());
		assertTrue(ProductionReportReader.claims(write(new byte[] { 0x30, 0x00 })).isEmpty());
	}

	/** A checkpoint at {@code sequence} over the last event's chain hash, signed by the station key unless given. */
	private static ReportEvent checkpoint(List<ReportEvent> events, long sequence, Optional<String> detail,
			Optional<byte[]> signature) throws Exception {
		byte[] before = chain(events).get(events.size() - 1);
		byte[] signed = signature.isPresent() ? signature.get() : stationStore.sign(CmsFixture.STATION, before);
		return new ReportEvent(sequence, ProductionReportReader.CHECKPOINT, fixture.now.minusSeconds(60), new UUID(0, 0),
				Optional.empty(), OptionalLong.empty(), Optional.of(signed),
				Optional.of(detail.orElse("signs the chain hash of event " + (sequence - 1))));
	}

	// --- reports and events ---

	/** job-accepted, then per device an authorization and a completion: device k's at sequence 2 + 2k. */
	private static List<ReportEvent> production(int devices) throws TrustException {
		return production(devices, false);
	}

	/** With {@code reworks}, devices 1 and 3 fail after authorization and are completed on a rework. */
	private static List<ReportEvent> production(int devices, boolean reworks) throws TrustException {
		Instant at = fixture.now.minus(Duration.ofMinutes(30));
		UUID job = CmsFixture.jobId();
		List<ReportEvent> events = new ArrayList<>();
		events.add(new ReportEvent(1, "job-accepted", at, job, Optional.empty(), OptionalLong.empty(), Optional.empty(),
				Optional.of("job 'Thermostat T1, March batch', quota " + quota.terms().quotaId())));
		for (int i = 0; i < devices; i++) {
			DeviceUid uid = uid(i);
			long serial = CmsFixture.SERIALS.first().value() + i;
			byte[] record = records.sign(new SerialNumber(serial), uid, Optional.empty()).encode();
			String site = "site " + (i % 4 + 1);
			at = at.plusMillis(1250);
			events.add(new ReportEvent(events.size() + 1, "device-authorized", at, job, Optional.of(uid),
					OptionalLong.of(serial), Optional.of(record), Optional.of(site)));
			boolean reworked = reworks && (i == 1 || i == 3);
			if (reworked) {
				events.add(new ReportEvent(events.size() + 1, "device-failed", at.plusMillis(400), job, Optional.of(uid),
						OptionalLong.of(serial), Optional.empty(), Optional.of(site + ", step verify: lost contact")));
				// the next attempt on the chip gets the same record again: no new authorization (docs/formats.md)
				events.add(new ReportEvent(events.size() + 1, "device-rework", at.plusMillis(800), job, Optional.of(uid),
						OptionalLong.of(serial), Optional.empty(), Optional.of(site)));
			}
			events.add(new ReportEvent(events.size() + 1, "device-completed", at.plusMillis(1000), job, Optional.of(uid),
					OptionalLong.of(serial), Optional.empty(), Optional.of(reworked ? site + ", rework" : site)));
		}
		return events;
	}

	private static DeviceUid uid(int device) {
		return DeviceUid.of(ByteBuffer.allocate(12).putInt(0x2b0047).putInt(0x0e513632).putInt(device).array());
	}

	private static ProductionReport issue(List<ReportEvent> events) throws TrustException {
		return ProductionReport.issue(fixture.stationSigner, UUID.randomUUID(), CmsFixture.genesis(), events,
				fixture.clock);
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

	private static ReportEvent withSequence(ReportEvent e, long sequence) {
		return new ReportEvent(sequence, e.type(), e.time(), e.jobId(), e.uid(), e.serial(), e.record(), e.detail());
	}

	private static ReportEvent withRecord(ReportEvent e, byte[] record) {
		return new ReportEvent(e.sequence(), e.type(), e.time(), e.jobId(), e.uid(), e.serial(),
				Optional.ofNullable(record), e.detail());
	}

	/** The event's detail [3] and its chain hash, its last two fields: unique in a report. */
	private static byte[] detailAndChainHash(String detail, byte[] chainHash) {
		byte[] text = detail.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		return ByteBuffer.allocate(4 + text.length + 32).put((byte) 0x83).put((byte) text.length).put(text)
				.put((byte) 0x04).put((byte) 32).put(chainHash).array();
	}

	private static byte[] uuidBytes(UUID id) {
		return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
				.array();
	}

	private static byte[] replaceOnce(byte[] in, byte[] from, byte[] to) {
		int at = indexOf(in, from);
		assertTrue(at >= 0, "the bytes to replace are in the report: " + HexFormat.of().formatHex(from));
		assertEquals(-1, indexOf(Arrays.copyOfRange(in, at + 1, in.length), from), "and only once");
		assertEquals(from.length, to.length);
		byte[] out = in.clone();
		System.arraycopy(to, 0, out, at, to.length);
		return out;
	}

	private static int indexOf(byte[] in, byte[] part) {
		outer: for (int i = 0; i + part.length <= in.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (in[i + j] != part[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private Path write(byte[] bytes) throws IOException {
		Path file = Files.createTempFile(files, "report-", ".der");
		Files.write(file, bytes);
		return file;
	}

	private static String refused(Path file) {
		Collected collected = new Collected();
		TrustException refused = assertThrows(TrustException.class, () -> reader.read(file, collected));
		assertSame(refused, collected.abandoned);
		assertNull(collected.committed);
		return refused.getMessage();
	}

	/** An import that keeps everything, as a test wants to look at it. */
	private static class Collected implements ReportImport<ReportVerdict> {

		ReportHeader header;
		final List<CheckedEvent> events = new ArrayList<>();
		ReportVerdict committed;
		Exception abandoned;

		@Override
		public void begin(ReportHeader header) {
			assertNull(this.header);
			this.header = header;
		}

		@Override
		public void event(CheckedEvent event) {
			assertTrue(header != null, "the header comes before the first event");
			events.add(event);
		}

		@Override
		public ReportVerdict commit(ReportVerdict verdict) {
			committed = verdict;
			return verdict;
		}

		@Override
		public void abandon(Exception cause) {
			abandoned = cause;
		}
	}

	/** A certificate's public key with another key's signatures: a report signed by the wrong station key. */
	private record SignsWithAnother(SigningKeys named, String namedAlias, SigningKeys signing, String signingAlias)
			implements SigningKeys {

		@Override
		public String type() {
			return "impostor";
		}

		@Override
		public List<String> aliases() {
			return List.of(namedAlias);
		}

		@Override
		public PublicKey publicKey(String alias) throws GeneralSecurityException {
			return named.publicKey(namedAlias);
		}

		@Override
		public byte[] sign(String alias, byte[] data) throws GeneralSecurityException {
			return signing.sign(signingAlias, data);
		}
	}
}
