package io.mintage.trust.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mintage.core.SerialNumber;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.trust.DeviceRecord;
import io.mintage.trust.EcdsaSigningKey;
import io.mintage.trust.FirmwareHash;
import io.mintage.trust.JobPackage;
import io.mintage.trust.P256PublicKey;
import io.mintage.trust.ProductionReport;
import io.mintage.trust.QuotaKey;
import io.mintage.trust.RecordSigner;
import io.mintage.trust.RecordVerifier;
import io.mintage.trust.ReportEvent;
import io.mintage.trust.TrustException;

/**
 * Quota key, job package and production report from issue to read, with the authority's and the
 * station's keys in one kind of key store; decryption runs the ECDH where the station key lives. Run by
 * {@link SoftCmsObjectsTest} and {@link TokenCmsObjectsTest}.
 */
abstract class CmsObjectsConformance {

	abstract CmsFixture fixture();

	abstract KeyStoreSession stationStore();

	@Test
	void aQuotaKeyReadsBackAsIssued() throws Exception {
		CmsFixture f = fixture();
		QuotaKey issued = f.quota();
		QuotaKey read = QuotaKey.read(issued.encoded(), f.authority);

		assertEquals(f.terms(), read.terms());
		assertEquals(issued.batchCertificate(), read.batchCertificate());
		assertArrayEquals(CmsFixture.sha256(f.station.getEncoded()), read.stationCertificateHash());
		assertArrayEquals(issued.encoded(), read.encoded());
		assertEquals(f.terms().notAfter(), read.batchCertificate().notAfter());
		assertEquals(f.terms().serials(), read.batchCertificate().serials());
		assertTrue(!read.signedAt().isBefore(f.now) && read.signedAt().getNano() == 0, read.signedAt().toString());
		read.checkFor(f.station, f.now);
		assertEquals(0x30, read.encoded()[0] & 0xFF, "DER, not PEM");
	}

	@Test
	void theStationUnwrapsTheBatchKeyAndItSignsRecordsTheDeviceAccepts() throws Exception {
		CmsFixture f = fixture();
		QuotaKey quota = QuotaKey.read(f.quota().encoded(), f.authority);
		KeyPair batch = quota.unwrapBatchKey(stationStore(), CmsFixture.STATION);
		assertEquals(quota.batchCertificate().batchPublicKey(), P256PublicKey.fromJca(batch.getPublic()));

		String alias = "batch-" + quota.terms().quotaId() + "-" + System.nanoTime();
		stationStore().importKeyPair(alias, batch);
		try {
			DeviceRecord record = new RecordSigner(EcdsaSigningKey.inBackend(stationStore(), alias),
					quota.batchCertificate()).sign(new SerialNumber(66770), CmsFixture.UID, Optional.empty());
			new RecordVerifier(P256PublicKey.fromJca(f.authority.getPublicKey()), CmsFixture.PRODUCT,
					Clock.fixed(f.now, ZoneOffset.UTC)).verify(record.encode(), CmsFixture.UID,
							FirmwareHash.of(new byte[32]));
		} finally {
			stationStore().delete(alias);
		}
	}

	@Test
	void aJobPackageReadsBackAsIssuedAndTheStationDecryptsTheFirmware() throws Exception {
		CmsFixture f = fixture();
		QuotaKey quota = f.quota();
		JobPackage issued = f.job(quota);
		JobPackage read = JobPackage.read(issued.encoded(), f.authority);

		assertEquals(CmsFixture.jobId(), read.jobId());
		assertEquals("Thermostat T1, March batch", read.name());
		assertEquals(f.product(), read.product());
		assertEquals(f.firmware(), read.firmware());
		assertEquals(CmsFixture.OPTIONS, read.recordOptions());
		assertArrayEquals(quota.encoded(), read.quota().encoded());
		assertEquals(issued.signedAt(), read.signedAt());
		assertArrayEquals(issued.encoded(), read.encoded());

		assertArrayEquals(f.firmwareFile, read.decryptFirmware(stationStore(), CmsFixture.STATION));
		assertArrayEquals(f.firmware().imageSha256(), CmsFixture.sha256(read.decryptFirmware(stationStore(),
				CmsFixture.STATION)));
		KeyPair batch = read.quota().unwrapBatchKey(stationStore(), CmsFixture.STATION);
		assertEquals(read.quota().batchCertificate().batchPublicKey(), P256PublicKey.fromJca(batch.getPublic()));
	}

	@Test
	void anotherStationKeyCannotDecrypt() throws Exception {
		CmsFixture f = fixture();
		String other = "other-station-" + System.nanoTime();
		stationStore().generateKeyPair(other);
		try {
			JobPackage job = f.job(f.quota());
			TrustException e = assertThrows(TrustException.class, () -> job.decryptFirmware(stationStore(), other));
			assertEquals("the firmware file t1-1.4.2.hex of job " + CmsFixture.jobId()
					+ " could not be decrypted with the key '" + other + "' of " + stationStore().description()
					+ ": the content key does not unwrap with the key '" + other + "' of "
					+ stationStore().description() + ": it was encrypted for another key", e.getMessage());
			assertThrows(TrustException.class, () -> job.quota().unwrapBatchKey(stationStore(), other));
		} finally {
			stationStore().delete(other);
		}
	}

	@Test
	void aProductionReportReadsBackAsIssued() throws Exception {
		CmsFixture f = fixture();
		ProductionReport issued = f.report();
		ProductionReport read = ProductionReport.read(issued.encoded(), f.authority);

		assertEquals(issued.reportId(), read.reportId());
		assertEquals(f.station, read.station());
		assertEquals(f.events(), read.events());
		assertArrayEquals(CmsFixture.genesis(), read.previousChainHash());
		byte[] chain = CmsFixture.genesis();
		for (ReportEvent event : f.events()) {
			chain = event.chainHash(chain);
		}
		assertArrayEquals(chain, read.lastChainHash());
		assertFalse(java.util.Arrays.equals(chain, CmsFixture.genesis()));
		assertEquals(issued.signedAt(), read.signedAt());
		assertArrayEquals(issued.encoded(), read.encoded());
		assertEquals(250, read.events().get(0).time().getNano() / 1_000_000, "milliseconds survive");
	}
}
