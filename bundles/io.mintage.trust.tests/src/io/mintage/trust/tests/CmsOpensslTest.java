package io.mintage.trust.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.core.sign.KeyStoreSession;
import io.mintage.testing.KeyStores;
import io.mintage.testing.OpenSsl;
import io.mintage.trust.JobPackage;
import io.mintage.trust.PemFiles;
import io.mintage.trust.ProductionReport;
import io.mintage.trust.QuotaKey;
import io.mintage.trust.internal.BackendKeyAgreeRecipient;

/**
 * openssl, the independent checker: {@code openssl cms -verify} accepts the three signed objects with
 * only the authority certificate as trust anchor and gets the same content, and {@code openssl cms
 * -decrypt} opens the envelopes with the station's key (written out for this test only).
 */
class CmsOpensslTest {

	@TempDir
	static Path keys;

	@TempDir
	Path files;

	private static KeyStoreSession authorityStore;
	private static KeyStoreSession stationStore;
	private static CmsFixture fixture;

	@BeforeAll
	static void open() throws Exception {
		authorityStore = KeyStores.openSoft(keys, "authority");
		stationStore = KeyStores.openSoft(keys, "station");
		fixture = new CmsFixture(authorityStore, stationStore);
	}

	@AfterAll
	static void close() {
		authorityStore.close();
		stationStore.close();
	}

	@Test
	void opensslVerifiesTheQuotaKeyAndDecryptsTheBatchKey() throws Exception {
		QuotaKey quota = fixture.quota();
		byte[] content = verifiedByOpenssl(quota.encoded(), "quota.der");

		write("batch-key.env.der", ASN1Sequence.getInstance(content).getObjectAt(9));
		byte[] pkcs8 = decryptedByOpenssl("batch-key.env.der");
		ECPrivateKey opened = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
		ECPrivateKey unwrapped = (ECPrivateKey) quota.unwrapBatchKey(stationStore, CmsFixture.STATION).getPrivate();
		assertEquals(unwrapped.getS(), opened.getS(), "openssl and the station find the same batch key");
	}

	@Test
	void opensslVerifiesTheJobPackageAndDecryptsTheFirmware() throws Exception {
		JobPackage job = fixture.job(fixture.quota());
		byte[] content = verifiedByOpenssl(job.encoded(), "job.der");

		ASN1Sequence firmware = ASN1Sequence.getInstance(ASN1Sequence.getInstance(content).getObjectAt(5));
		write("firmware.env.der", firmware.getObjectAt(5));
		assertArrayEquals(fixture.firmwareFile, decryptedByOpenssl("firmware.env.der"));

		// the quota key inside is a complete SignedData openssl verifies on its own
		write("inner-quota.der", ASN1Sequence.getInstance(content).getObjectAt(7));
		byte[] quota = Files.readAllBytes(files.resolve("inner-quota.der"));
		assertArrayEquals(job.quota().encoded(), quota);
		verifiedByOpenssl(quota, "inner-quota.der");
	}

	@Test
	void opensslVerifiesTheReportWithTheStationCertificateInside() throws Exception {
		ProductionReport report = fixture.report();
		verifiedByOpenssl(report.encoded(), "report.der");
	}

	@Test
	void opensslRefusesAChangedObjectAndAnotherAuthority() throws Exception {
		byte[] job = fixture.job(fixture.quota()).encoded();
		job[job.length - 1] ^= 0x01; // the last byte of the signature
		Files.write(files.resolve("changed.der"), job);
		PemFiles.writeCertificate(files.resolve("authority.pem"), fixture.authority);
		OpenSsl.Result changed = OpenSsl.run(files, "cms", "-verify", "-inform", "DER", "-in", "changed.der",
				"-CAfile", "authority.pem", "-binary", "-out", "content.der");
		assertNotEquals(0, changed.exitCode(), changed.output());

		Files.write(files.resolve("quota.der"), fixture.quota().encoded());
		PemFiles.writeCertificate(files.resolve("station.pem"), fixture.station);
		OpenSsl.Result other = OpenSsl.run(files, "cms", "-verify", "-inform", "DER", "-in", "quota.der", "-CAfile",
				"station.pem", "-binary", "-out", "content.der");
		assertNotEquals(0, other.exitCode(), other.output());
	}

	/**
	 * The other direction, for the key derivation: an envelope openssl makes for the station certificate
	 * (its own X9.63 KDF and key wrap) opens with the station's recipient, which does ECDH in the key store.
	 */
	@Test
	void theStationRecipientOpensWhatOpensslEncrypts() throws Exception {
		byte[] plain = "firmware enveloped by openssl".getBytes(StandardCharsets.US_ASCII);
		Files.write(files.resolve("plain.bin"), plain);
		PemFiles.writeCertificate(files.resolve("station.pem"), fixture.station);
		OpenSsl.Result encrypt = OpenSsl.run(files, "cms", "-encrypt", "-binary", "-aes256", "-in", "plain.bin",
				"-outform", "DER", "-out", "openssl.env.der", "-recip", "station.pem", "-keyopt", "ecdh_kdf_md:sha256");
		assertEquals(0, encrypt.exitCode(), encrypt.output());
		CMSEnvelopedData enveloped = new CMSEnvelopedData(Files.readAllBytes(files.resolve("openssl.env.der")));
		byte[] opened = enveloped.getRecipientInfos().getRecipients().iterator().next()
				.getContent(new BackendKeyAgreeRecipient(stationStore, CmsFixture.STATION));
		assertArrayEquals(plain, opened);
	}

	/** Runs openssl cms -verify with the authority as the only trust anchor; returns the content it wrote. */
	private byte[] verifiedByOpenssl(byte[] encoded, String name) throws Exception {
		Files.write(files.resolve(name), encoded);
		PemFiles.writeCertificate(files.resolve("authority.pem"), fixture.authority);
		OpenSsl.Result verify = OpenSsl.run(files, "cms", "-verify", "-inform", "DER", "-in", name, "-CAfile",
				"authority.pem", "-binary", "-out", name + ".content");
		assertEquals(0, verify.exitCode(), verify.output());
		assertTrue(verify.output().contains("Verification successful"), verify.output());
		byte[] content = Files.readAllBytes(files.resolve(name + ".content"));
		assertArrayEquals((byte[]) new CMSSignedData(encoded).getSignedContent().getContent(), content);
		return content;
	}

	private byte[] decryptedByOpenssl(String envelope) throws Exception {
		PemFiles.writeCertificate(files.resolve("station.pem"), fixture.station);
		Path key = files.resolve("station-key.pem");
		if (!Files.exists(key)) {
			Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(stationStore.privateKey(CmsFixture.STATION).getEncoded());
			Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n",
					StandardCharsets.US_ASCII);
		}
		OpenSsl.Result decrypt = OpenSsl.run(files, "cms", "-decrypt", "-inform", "DER", "-in", envelope, "-inkey",
				"station-key.pem", "-recip", "station.pem", "-binary", "-out", envelope + ".plain");
		assertEquals(0, decrypt.exitCode(), decrypt.output());
		return Files.readAllBytes(files.resolve(envelope + ".plain"));
	}

	private void write(String name, ASN1Encodable object) throws Exception {
		Files.write(files.resolve(name), object.toASN1Primitive().getEncoded(ASN1Encoding.DER));
	}
}
