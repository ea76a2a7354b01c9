package io.mintage.trust.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mintage.core.SerialNumber;
import io.mintage.core.sign.SigningKeys;
import io.mintage.trust.BatchCertificate;
import io.mintage.trust.CertificateIssuer;
import io.mintage.trust.DeviceRecord;
import io.mintage.trust.EcdsaSignature;
import io.mintage.trust.EcdsaSigningKey;
import io.mintage.trust.P256PublicKey;
import io.mintage.trust.RecordSigner;
import io.mintage.trust.RecordVerifier;
import io.mintage.trust.TrustException;

class RecordSignerTest {

	private static final Clock NOW = Clock.fixed(Instant.parse("2028-03-01T08:00:00Z"), ZoneOffset.UTC);

	@Test
	void signsWhatTheVerifierAccepts() throws Exception {
		TestVectors vectors = TestVectors.generate();
		RecordSigner signer = new RecordSigner(TestVectors.BATCH_KEY, vectors.certificate);
		DeviceRecord record = signer.sign(new SerialNumber(70_000), TestVectors.UID16, Optional.of(TestVectors.FIRMWARE));
		RecordVerifier verifier = new RecordVerifier(TestVectors.AUTHORITY_KEY.publicKey(), TestVectors.PRODUCT, NOW);
		assertEquals(record, verifier.verify(record, TestVectors.UID16, TestVectors.FIRMWARE));
		// deterministic: the same content gives the same bytes
		assertArrayEquals(record.encode(),
				signer.sign(new SerialNumber(70_000), TestVectors.UID16, Optional.of(TestVectors.FIRMWARE)).encode());
	}

	@Test
	void refusesASerialOutsideItsCertificate() throws Exception {
		RecordSigner signer = new RecordSigner(TestVectors.BATCH_KEY, TestVectors.generate().certificate);
		TrustException e = assertThrows(TrustException.class,
				() -> signer.sign(new SerialNumber(75_536), TestVectors.UID, Optional.empty()));
		assertEquals("serial 75536 is outside the batch certificate's range 65536–75535; no record was signed",
				e.getMessage());
	}

	@Test
	void refusesToSignWithAKeyTheCertificateDoesNotName() throws Exception {
		BatchCertificate certificate = TestVectors.generate().certificate;
		RecordSigner signer = new RecordSigner(TestVectors.AUTHORITY_KEY, certificate);
		TrustException e = assertThrows(TrustException.class,
				() -> signer.sign(TestVectors.SERIAL, TestVectors.UID, Optional.empty()));
		assertEquals("the signature of " + TestVectors.AUTHORITY_KEY + " does not verify with the batch certificate's "
				+ "batch_public_key (" + TestVectors.BATCH_KEY.publicKey() + "): the key is not the one quota "
				+ "5a0c8e1f-3b7d-4c92-a6e4-0f1d2c3b4a59 certifies; no record was signed", e.getMessage());
		String privateHex = HexFormat.of().formatHex(TestVectors.AUTHORITY_KEY.privateKeyBytes());
		assertFalse(e.getMessage().contains(privateHex));
	}

	@Test
	void issuerRefusesABackendThatSignsWithAnotherKey() {
		EcdsaSigningKey lying = new EcdsaSigningKey() {
			@Override
			public P256PublicKey publicKey() {
				return TestVectors.AUTHORITY_KEY.publicKey();
			}

			@Override
			public EcdsaSignature sign(byte[] data) {
				return TestVectors.BATCH_KEY.sign(data);
			}

			@Override
			public String toString() {
				return "key 'lying'";
			}
		};
		TrustException e = assertThrows(TrustException.class, () -> new CertificateIssuer(lying).issue(
				new BatchCertificate.Content(TestVectors.QUOTA_ID, TestVectors.PRODUCT, TestVectors.SERIALS,
						TestVectors.NOT_AFTER, TestVectors.BATCH_KEY.publicKey())));
		assertEquals("the authority key 'lying' made a signature its own public key does not verify; "
				+ "no certificate was issued", e.getMessage());
	}

	/** Keys in a SigningBackend (DER SHA256withECDSA) sign certificates and records the device takes. */
	@Test
	void signsThroughASigningBackend() throws Exception {
		JcaBackend backend = new JcaBackend();
		EcdsaSigningKey authority = EcdsaSigningKey.inBackend(backend, "authority");
		EcdsaSigningKey batch = EcdsaSigningKey.inBackend(backend, "batch");
		BatchCertificate certificate = new CertificateIssuer(authority).issue(new BatchCertificate.Content(
				TestVectors.QUOTA_ID, TestVectors.PRODUCT, TestVectors.SERIALS, TestVectors.NOT_AFTER, batch.publicKey()));
		DeviceRecord record = new RecordSigner(batch, certificate).sign(TestVectors.SERIAL, TestVectors.UID,
				Optional.empty());
		new RecordVerifier(authority.publicKey(), TestVectors.PRODUCT, NOW).verify(record.encode(), TestVectors.UID,
				TestVectors.FIRMWARE);
		assertEquals("key 'batch' of the test signing backend", batch.toString());
	}

	@Test
	void namesTheBackendKeyWhenItFails() throws Exception {
		EcdsaSigningKey missing = EcdsaSigningKey.inBackend(new JcaBackend(), "nobody");
		TrustException e = assertThrows(TrustException.class, () -> missing.sign(new byte[1]));
		assertEquals("key 'nobody' of the test signing backend: signing failed: no key 'nobody'", e.getMessage());
		e = assertThrows(TrustException.class, missing::publicKey);
		assertEquals("key 'nobody' of the test signing backend: cannot read the public key: no key 'nobody'",
				e.getMessage());
	}

	/** A signing backend the way io.mintage.sign.soft will be one: JCA keys, DER signatures. */
	private static final class JcaBackend implements SigningKeys {

		private final KeyPair authority;
		private final KeyPair batch;

		JcaBackend() throws GeneralSecurityException {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			authority = generator.generateKeyPair();
			batch = generator.generateKeyPair();
		}

		@Override
		public String type() {
			return "test";
		}

		@Override
		public List<String> aliases() {
			return List.of("authority", "batch");
		}

		@Override
		public PublicKey publicKey(String alias) throws GeneralSecurityException {
			return keys(alias).getPublic();
		}

		@Override
		public byte[] sign(String alias, byte[] data) throws GeneralSecurityException {
			Signature signature = Signature.getInstance("SHA256withECDSA");
			signature.initSign(keys(alias).getPrivate());
			signature.update(data);
			return signature.sign();
		}

		private KeyPair keys(String alias) throws GeneralSecurityException {
			return switch (alias) {
			case "authority" -> authority;
			case "batch" -> batch;
			default -> throw new GeneralSecurityException("no key '" + alias + "'");
			};
		}
	}
}
