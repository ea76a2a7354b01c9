package io.mintage.sign.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.crypto.KeyAgreement;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.core.sign.KeyStoreConfiguration;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.SecretSource;
import io.mintage.core.sign.SigningBackend;
import io.mintage.core.sign.SigningException;
import io.mintage.testing.Backends;
import io.mintage.testing.Secrets;

/**
 * What every signing backend must do, run against each of them (subclasses name the backend and where
 * its store lives). The backend is taken from the OSGi service registry, as the products take it.
 * Every refusal is checked for the secrets: neither the right nor a wrong passphrase or PIN may ever
 * appear in a message.
 */
abstract class SigningBackendConformance {

	static final String WRONG_SECRET = "Wr0ng-S3cret-4711";
	private static final byte[] DATA = "device record bytes 0-239".getBytes(StandardCharsets.US_ASCII);

	@TempDir
	Path secrets;

	SigningBackend backend;

	/** The {@code mintage.signing.backend} value under test. */
	abstract String backendType();

	/** The right passphrase or PIN of the store under test. */
	abstract String secret();

	/** The store under test, with its secret from {@code secret}. */
	abstract KeyStoreConfiguration configuration(SecretSource secret);

	/** Makes the store under test empty (a new file, a token without keys). */
	abstract void startEmpty() throws Exception;

	/** The whole message a wrong secret gives for the store under test. */
	abstract String wrongSecretMessage();

	@BeforeEach
	final void findBackendAndStartEmpty() throws Exception {
		backend = Backends.find(backendType());
		startEmpty();
	}

	KeyStoreSession open() throws Exception {
		return backend.open(configuration(Secrets.inFile(secrets, "right-secret", secret())));
	}

	@Test
	void theServiceNamesItsType() {
		assertEquals(backendType(), backend.type());
	}

	@Test
	void generatesAP256KeyThatSignsVerifiably() throws Exception {
		try (KeyStoreSession store = open()) {
			assertEquals(List.of(), store.aliases());
			PublicKey generated = store.generateKeyPair("station");
			assertEquals(List.of("station"), store.aliases());
			assertTrue(store.contains("station"));
			assertEquals(generated, store.publicKey("station"));
			assertEquals("EC", generated.getAlgorithm());
			assertTrue(io.mintage.core.sign.P256Keys.isP256(generated), "not a P-256 key");
			assertVerifies(generated, store.sign("station", DATA));
			assertEquals(backendType(), store.type());
		}
	}

	@Test
	void keysSurviveReopening() throws Exception {
		PublicKey generated;
		try (KeyStoreSession store = open()) {
			generated = store.generateKeyPair("authority");
		}
		try (KeyStoreSession store = open()) {
			assertEquals(List.of("authority"), store.aliases());
			assertEquals(generated, store.publicKey("authority"));
			assertVerifies(generated, store.sign("authority", DATA));
			// the placeholder certificate: self-signed by the key itself
			X509Certificate placeholder = store.certificateChain("authority").get(0);
			assertEquals(generated, placeholder.getPublicKey());
			placeholder.verify(generated);
		}
	}

	@Test
	void aWrongSecretIsRefusedInPlainWords() throws Exception {
		try (KeyStoreSession store = open()) {
			store.generateKeyPair("station");
		}
		SecretSource wrong = Secrets.inFile(secrets, "wrong-secret", WRONG_SECRET);
		SigningException e = refused(() -> backend.open(configuration(wrong)).close());
		assertEquals(wrongSecretMessage(), e.getMessage());
		// and the right one still opens it
		try (KeyStoreSession store = open()) {
			assertEquals(List.of("station"), store.aliases());
		}
	}

	@Test
	void aMissingSecretIsRefusedNamingItsSource() {
		SecretSource unset = SecretSource.fromEnvironment("MINTAGE_TEST_SECRET_THAT_IS_NOT_SET");
		SigningException e = refused(() -> backend.open(configuration(unset)).close());
		assertEquals("the environment variable MINTAGE_TEST_SECRET_THAT_IS_NOT_SET that should hold the secret is "
				+ "not set", e.getMessage());
	}

	@Test
	void anExistingAliasIsNeverReplaced() throws Exception {
		try (KeyStoreSession store = open()) {
			PublicKey first = store.generateKeyPair("station");
			SigningException e = refused(() -> store.generateKeyPair("station"));
			assertEquals("there is a key 'station' " + where(store) + " already; it is never replaced: delete it "
					+ "first or choose another alias", e.getMessage());
			refused(() -> store.importKeyPair("station", softwareKeyPair()));
			assertEquals(first, store.publicKey("station"));
			assertVerifies(first, store.sign("station", DATA));
		}
	}

	@Test
	void anUnknownAliasIsNamed() throws Exception {
		try (KeyStoreSession store = open()) {
			store.generateKeyPair("station");
			String message = "there is no key 'nobody' " + where(store);
			assertTrue(refused(() -> store.sign("nobody", DATA)).getMessage().startsWith(message));
			assertTrue(refused(() -> store.publicKey("nobody")).getMessage().startsWith(message));
			assertTrue(refused(() -> store.privateKey("nobody")).getMessage().startsWith(message));
			assertTrue(refused(() -> store.certificateChain("nobody")).getMessage().startsWith(message));
			assertTrue(refused(() -> store.delete("nobody")).getMessage().startsWith(message));
			assertFalse(store.contains("nobody"));
		}
	}

	@Test
	void anInvalidAliasIsRefused() throws Exception {
		try (KeyStoreSession store = open()) {
			SigningException e = refused(() -> store.generateKeyPair("Station Key"));
			assertEquals("the key alias 'Station Key' is not valid: use 1 to 64 lower-case letters, digits, '.', '-' "
					+ "and '_', starting with a letter or digit", e.getMessage());
			assertEquals(List.of(), store.aliases());
		}
	}

	@Test
	void importsAKeyPairThatThenSignsAndSurvivesReopening() throws Exception {
		KeyPair batch = softwareKeyPair();
		try (KeyStoreSession store = open()) {
			store.importKeyPair("batch-5a0c8e1f", batch);
			assertEquals(batch.getPublic(), store.publicKey("batch-5a0c8e1f"));
			assertVerifies(batch.getPublic(), store.sign("batch-5a0c8e1f", DATA));
		}
		try (KeyStoreSession store = open()) {
			assertEquals(List.of("batch-5a0c8e1f"), store.aliases());
			assertVerifies(batch.getPublic(), store.sign("batch-5a0c8e1f", DATA));
		}
	}

	@Test
	void refusesToImportHalvesOfTwoKeyPairs() throws Exception {
		KeyPair mixed = new KeyPair(softwareKeyPair().getPublic(), softwareKeyPair().getPrivate());
		try (KeyStoreSession store = open()) {
			SigningException e = refused(() -> store.importKeyPair("batch", mixed));
			assertEquals("the public key given for 'batch' does not belong to its private key", e.getMessage());
			assertEquals(List.of(), store.aliases());
		}
	}

	@Test
	void deletesAKeyForGood() throws Exception {
		try (KeyStoreSession store = open()) {
			store.generateKeyPair("keep");
			store.generateKeyPair("drop");
			store.delete("drop");
			assertEquals(List.of("keep"), store.aliases());
		}
		try (KeyStoreSession store = open()) {
			assertEquals(List.of("keep"), store.aliases());
			refused(() -> store.delete("drop"));
			// the alias is free again
			store.generateKeyPair("drop");
			assertEquals(List.of("drop", "keep"), store.aliases());
		}
	}

	/** CMS decryption (EnvelopedData with ECDH) needs the agreement, done where the key lives. */
	@Test
	void agreesOnTheSameEcdhSecretAsTheOtherSide() throws Exception {
		try (KeyStoreSession store = open()) {
			PublicKey station = store.generateKeyPair("station");
			KeyPair ephemeral = softwareKeyPair();

			KeyAgreement inBackend = KeyAgreement.getInstance("ECDH", store.provider());
			inBackend.init(store.privateKey("station"));
			inBackend.doPhase(ephemeral.getPublic(), true);
			byte[] secretInBackend = inBackend.generateSecret();

			KeyAgreement sender = KeyAgreement.getInstance("ECDH");
			sender.init(ephemeral.getPrivate());
			sender.doPhase(station, true);
			byte[] secretOfSender = sender.generateSecret();

			assertEquals(32, secretOfSender.length);
			assertArrayEquals(secretOfSender, secretInBackend);
		}
	}

	@Test
	void replacesThePlaceholderWithAnIssuedChain() throws Exception {
		KeyPair authority = softwareKeyPair();
		X509Certificate ca = certificate("CN=Test Authority", authority.getPublic(), "CN=Test Authority", authority);
		List<X509Certificate> chain;
		try (KeyStoreSession store = open()) {
			PublicKey station = store.generateKeyPair("station");
			chain = List.of(certificate("CN=Station 1", station, "CN=Test Authority", authority), ca);
			store.setCertificateChain("station", chain);
			assertEquals(chain, store.certificateChain("station"));
			X509Certificate foreign = certificate("CN=Other", softwareKeyPair().getPublic(), "CN=Test Authority",
					authority);
			SigningException e = refused(() -> store.setCertificateChain("station", List.of(foreign, ca)));
			assertEquals("the first certificate of the chain for 'station' (CN=Other) carries another public key than "
					+ "the key 'station'", e.getMessage());
		}
		try (KeyStoreSession store = open()) {
			assertEquals(chain, store.certificateChain("station"));
			assertVerifies(chain.get(0).getPublicKey(), store.sign("station", DATA));
		}
	}

	@Test
	void aClosedSessionIsUnusable() throws Exception {
		KeyStoreSession store = open();
		store.close();
		refused(store::aliases);
		store.close(); // twice is harmless
	}

	/** "in the keystore /x" or "on the token 'y' (…)": how refusals place the key. */
	abstract String where(KeyStoreSession store);

	/** Asserts a {@link SigningException} and that no secret shows in it or any of its causes. */
	final SigningException refused(Executable action) {
		SigningException e = assertThrows(SigningException.class, action);
		for (Throwable t = e; t != null; t = t.getCause()) {
			String text = t.toString();
			for (String secret : List.of(secret(), WRONG_SECRET)) {
				if (text.contains(secret)) {
					fail("a secret appears in the exception " + t.getClass().getName());
				}
			}
		}
		return e;
	}

	static void assertVerifies(PublicKey key, byte[] derSignature) throws Exception {
		Signature verifier = Signature.getInstance("SHA256withECDSA");
		verifier.initVerify(key);
		verifier.update(DATA);
		assertTrue(verifier.verify(derSignature), "the signature does not verify with plain JCA");
	}

	static KeyPair softwareKeyPair() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	static X509Certificate certificate(String subject, PublicKey key, String issuer, KeyPair issuerKeys)
			throws Exception {
		return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(new X500Name(issuer),
				BigInteger.valueOf(System.nanoTime()), Date.from(Instant.parse("2025-01-01T00:00:00Z")),
				Date.from(Instant.parse("2035-01-01T00:00:00Z")), new X500Name(subject), key)
				.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
	}
}
