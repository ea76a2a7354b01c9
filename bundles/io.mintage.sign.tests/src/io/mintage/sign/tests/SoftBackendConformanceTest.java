package io.mintage.sign.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.core.sign.KeyStoreConfiguration;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.SecretSource;

/** The conformance suite against the encrypted software keystore, plus what only a file can get wrong. */
class SoftBackendConformanceTest extends SigningBackendConformance {

	private static final String PASSPHRASE = "correct horse battery staple 7";

	@TempDir
	Path home;

	private Path keystore;

	@Override
	String backendType() {
		return "soft";
	}

	@Override
	String secret() {
		return PASSPHRASE;
	}

	@Override
	KeyStoreConfiguration configuration(SecretSource secret) {
		return KeyStoreConfiguration.softKeystore(keystore, secret);
	}

	@Override
	void startEmpty() {
		// a folder that does not exist yet: the backend creates it, private
		keystore = home.resolve("keys").resolve("station.p12");
	}

	@Override
	String wrongSecretMessage() {
		return "the keystore " + keystore + " could not be opened: wrong passphrase or damaged file";
	}

	@Override
	String where(KeyStoreSession store) {
		return "in the keystore " + keystore;
	}

	@Test
	void theKeystoreIsPrivateAndWrittenWithoutLeftovers() throws Exception {
		try (KeyStoreSession store = open()) {
			store.generateKeyPair("station");
			store.generateKeyPair("batch");
			store.delete("batch");
		}
		assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)));
		assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore.getParent())));
		try (Stream<Path> files = Files.list(keystore.getParent())) {
			assertEquals(List.of(keystore), files.toList(), "temporary files were left behind");
		}
	}

	@Test
	void aDamagedFileGivesTheSameMessageAsAWrongPassphrase() throws Exception {
		try (KeyStoreSession store = open()) {
			store.generateKeyPair("station");
		}
		byte[] bytes = Files.readAllBytes(keystore);
		bytes[bytes.length / 2] ^= 0x5a;
		Files.write(keystore, bytes);
		assertEquals(wrongSecretMessage(), refused(this::open).getMessage());
	}

	@Test
	void aKeystoreThatIsNotThereYetHasNoKeysAndIsWrittenWithTheFirst() throws Exception {
		try (KeyStoreSession store = open()) {
			assertEquals(List.of(), store.aliases());
			assertTrue(refused(() -> store.sign("station", new byte[1])).getMessage()
					.endsWith("(the file does not exist yet)"));
		}
		assertTrue(Files.notExists(keystore));
	}

	/**
	 * The algorithms are pinned for keys (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC) and the JDK 17 defaults
	 * for the rest: read the written file with BouncyCastle and check each.
	 */
	@Test
	void theFileUsesStrongPasswordBasedEncryptionThroughout() throws Exception {
		try (KeyStoreSession store = open()) {
			store.generateKeyPair("station");
		}
		PKCS12PfxPdu pfx = new PKCS12PfxPdu(Files.readAllBytes(keystore));
		assertTrue(pfx.hasMac());
		assertEquals(NISTObjectIdentifiers.id_sha256, pfx.getMacAlgorithmID().getAlgorithm(), "integrity MAC digest");

		List<AlgorithmIdentifier> keyEncryptions = new ArrayList<>();
		List<AlgorithmIdentifier> certificateEncryptions = new ArrayList<>();
		for (ContentInfo content : pfx.getContentInfos()) {
			if (content.getContentType().equals(PKCSObjectIdentifiers.encryptedData)) {
				certificateEncryptions.add(EncryptedData.getInstance(content.getContent()).getEncryptionAlgorithm());
				continue;
			}
			for (PKCS12SafeBag bag : new PKCS12SafeBagFactory(content).getSafeBags()) {
				if (bag.getType().equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)) {
					keyEncryptions.add(((PKCS8EncryptedPrivateKeyInfo) bag.getBagValue()).getEncryptionAlgorithm());
				}
			}
		}
		assertEquals(1, keyEncryptions.size());
		PBKDF2Params keyDerivation = assertPbes2WithAes256(keyEncryptions.get(0));
		assertEquals(600_000, keyDerivation.getIterationCount().intValue());
		assertEquals(20, keyDerivation.getSalt().length);
		assertEquals(1, certificateEncryptions.size());
		assertPbes2WithAes256(certificateEncryptions.get(0));
	}

	private static PBKDF2Params assertPbes2WithAes256(AlgorithmIdentifier algorithm) {
		assertEquals(PKCSObjectIdentifiers.id_PBES2, algorithm.getAlgorithm());
		PBES2Parameters pbes2 = PBES2Parameters.getInstance(algorithm.getParameters());
		assertEquals(PKCSObjectIdentifiers.id_PBKDF2, pbes2.getKeyDerivationFunc().getAlgorithm());
		assertEquals(NISTObjectIdentifiers.id_aes256_CBC, pbes2.getEncryptionScheme().getAlgorithm());
		PBKDF2Params kdf = assertInstanceOf(PBKDF2Params.class, pbes2.getKeyDerivationFunc().getParameters());
		ASN1ObjectIdentifier prf = kdf.getPrf().getAlgorithm();
		assertEquals(PKCSObjectIdentifiers.id_hmacWithSHA256, prf);
		return kdf;
	}
}
