package io.mintage.trust.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.core.sign.KeyStoreSession;
import io.mintage.testing.KeyStores;

/**
 * The CMS objects with both keys on the SoftHSM2 token (one session: a token is open once at a time):
 * the authority signs inside the token and the station's ECDH runs there, its key never extractable.
 */
class TokenCmsObjectsTest extends CmsObjectsConformance {

	@TempDir
	static Path secrets;

	private static KeyStoreSession token;
	private static CmsFixture fixture;

	@BeforeAll
	static void open() throws Exception {
		token = KeyStores.openToken(secrets);
		for (String alias : token.aliases()) {
			token.delete(alias);
		}
		fixture = new CmsFixture(token, token);
	}

	@AfterAll
	static void close() {
		if (token != null) {
			token.close();
		}
	}

	/** The decryption tests above prove nothing about tokens unless the key really stays on the token. */
	@Test
	void theStationKeyIsATokenObjectWithoutKeyMaterial() throws Exception {
		assertEquals("pkcs11", token.type());
		assertTrue(token.provider().getName().startsWith("SunPKCS11"), token.provider().getName());
		assertNull(token.privateKey(CmsFixture.STATION).getEncoded());
		assertNull(token.privateKey(CmsFixture.AUTHORITY).getEncoded());
	}

	@Override
	CmsFixture fixture() {
		return fixture;
	}

	@Override
	KeyStoreSession stationStore() {
		return token;
	}
}
