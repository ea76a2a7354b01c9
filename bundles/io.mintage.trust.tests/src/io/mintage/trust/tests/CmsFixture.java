package io.mintage.trust.tests;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;

import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.trust.AuthorityCertificates;
import io.mintage.trust.CmsSigner;
import io.mintage.trust.EnrolmentRequest;
import io.mintage.trust.FirmwareInfo;
import io.mintage.trust.JobPackage;
import io.mintage.trust.ProductId;
import io.mintage.trust.ProductInfo;
import io.mintage.trust.ProductionReport;
import io.mintage.trust.QuotaKey;
import io.mintage.trust.QuotaTerms;
import io.mintage.trust.RecordOptions;
import io.mintage.trust.ReportEvent;
import io.mintage.trust.SerialRange;
import io.mintage.trust.TrustException;

/**
 * An authority and an enrolled station with their keys in real key stores (a software keystore or the
 * SoftHSM2 token), and the CMS objects between them: quota key, job package, production report.
 */
final class CmsFixture {

	static final String AUTHORITY = "authority";
	static final String STATION = "station";
	static final String AUTHORITY_NAME = "Mintage Test Authority";
	static final ProductId PRODUCT = new ProductId(0x13572468L);
	static final SerialRange SERIALS = new SerialRange(new SerialNumber(65536), 10000);
	static final DeviceUid UID = DeviceUid.parse("2b0047000e51363236313533");
	/** Every option present, so that the bit-flip and round-trip tests cover each field of RecordOptions. */
	static final RecordOptions OPTIONS = new RecordOptions(true, Optional.of("level 1"), true,
			Optional.of("last-erase-unit"), true);

	final KeyStoreSession authorityStore;
	final KeyStoreSession stationStore;
	final Clock clock = Clock.systemUTC();
	final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
	final X509Certificate authority;
	final X509Certificate station;
	final CmsSigner authoritySigner;
	final CmsSigner stationSigner;
	/** 64 bytes standing for a firmware file: small, so that flipping every bit of a job package is quick. */
	final byte[] firmwareFile = new byte[64];

	CmsFixture(KeyStoreSession authorityStore, KeyStoreSession stationStore) throws Exception {
		this.authorityStore = authorityStore;
		this.stationStore = stationStore;
		if (!authorityStore.contains(AUTHORITY)) {
			authorityStore.generateKeyPair(AUTHORITY);
		}
		if (!stationStore.contains(STATION)) {
			stationStore.generateKeyPair(STATION);
		}
		authority = AuthorityCertificates.createAuthority(authorityStore, AUTHORITY, AUTHORITY_NAME,
				now.plus(Duration.ofDays(3650)), clock);
		station = stationCertificate(STATION, "Station 1");
		authoritySigner = new CmsSigner(authorityStore, AUTHORITY, authority);
		stationSigner = new CmsSigner(stationStore, STATION, station);
		new Random(7).nextBytes(firmwareFile);
	}

	X509Certificate stationCertificate(String alias, String name) throws TrustException {
		return AuthorityCertificates.issueStation(authorityStore, AUTHORITY, authority,
				EnrolmentRequest.create(stationStore, alias, name), now.plus(Duration.ofDays(365)), clock);
	}

	QuotaTerms terms() {
		return new QuotaTerms(UUID.fromString("5a0c8e1f-3b7d-4c92-a6e4-0f1d2c3b4a59"), PRODUCT, SERIALS,
				now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
	}

	QuotaKey quota() throws TrustException {
		return QuotaKey.issue(authoritySigner, station, terms(), clock);
	}

	ProductInfo product() {
		return new ProductInfo(PRODUCT, "Thermostat T1", "stm32f0");
	}

	FirmwareInfo firmware() throws Exception {
		return new FirmwareInfo("t1-1.4.2.hex", "1.4.2", MessageDigest.getInstance("SHA-256").digest(firmwareFile),
				0x0800_0000L, firmwareFile.length);
	}

	JobPackage job(QuotaKey quota) throws Exception {
		return job(quota, OPTIONS);
	}

	JobPackage job(QuotaKey quota, RecordOptions options) throws Exception {
		return JobPackage.issue(authoritySigner, station, UUID.fromString("7d4c1a2b-0000-4000-8000-00000000c0de"),
				"Thermostat T1, March batch", product(), firmware(), firmwareFile, options, quota, clock);
	}

	static UUID jobId() {
		return UUID.fromString("7d4c1a2b-0000-4000-8000-00000000c0de");
	}

	/** Events with every optional field present and absent. */
	List<ReportEvent> events() {
		Instant at = now.minus(Duration.ofMinutes(10)).plusMillis(250);
		return List.of(
				new ReportEvent(41, "job-loaded", at, jobId(), Optional.empty(), OptionalLong.empty(), Optional.empty(),
						Optional.of("t1-1.4.2.hex")),
				new ReportEvent(42, "record-signed", at.plusSeconds(5), jobId(), Optional.of(UID), OptionalLong.of(66770),
						Optional.of(new byte[] { 0x4d, 0x54, 0x44, 0x52 }), Optional.empty()),
				new ReportEvent(43, "device-completed", at.plusSeconds(9), jobId(), Optional.of(UID),
						OptionalLong.of(66770), Optional.empty(), Optional.empty()));
	}

	static byte[] genesis() {
		return new byte[32];
	}

	ProductionReport report() throws TrustException {
		return ProductionReport.issue(stationSigner, UUID.fromString("0b7e3d2c-1111-4222-8333-444455556666"), genesis(),
				events(), clock);
	}

	static byte[] sha256(byte[] data) throws Exception {
		return MessageDigest.getInstance("SHA-256").digest(data);
	}
}
