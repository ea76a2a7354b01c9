package io.mintage.sign.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.mintage.core.sign.KeyStoreConfiguration;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.SecretSource;
import io.mintage.testing.SoftHsmToken;
import io.mintage.testing.Secrets;

/** The conformance suite against a SoftHSM2 token, plus what only a token can get wrong. */
class Pkcs11BackendConformanceTest extends SigningBackendConformance {

	private static final String TOKEN = "the token '" + SoftHsmToken.LABEL + "' (PKCS#11 module " + SoftHsmToken.MODULE
			+ ")";

	@Override
	String backendType() {
		return "pkcs11";
	}

	@Override
	String secret() {
		return SoftHsmToken.PIN;
	}

	@Override
	KeyStoreConfiguration configuration(SecretSource secret) {
		return KeyStoreConfiguration.pkcs11Token(SoftHsmToken.MODULE, SoftHsmToken.LABEL, secret);
	}

	@Override
	void startEmpty() throws Exception {
		SoftHsmToken.ensureCreated();
		try (KeyStoreSession store = open()) {
			for (String alias : store.aliases()) {
				store.delete(alias);
			}
		}
	}

	@Override
	String wrongSecretMessage() {
		return TOKEN + " refused the PIN: wrong PIN";
	}

	@Override
	String where(KeyStoreSession store) {
		return "on " + TOKEN;
	}

	@Test
	void anUnknownTokenLabelListsTheTokensThere() throws Exception {
		SecretSource pin = Secrets.inFile(secrets, "pin", SoftHsmToken.PIN);
		assertEquals("there is no token labelled 'Station 7' behind the PKCS#11 module " + SoftHsmToken.MODULE
				+ "; its tokens are: '" + SoftHsmToken.LABEL + "'", refused(() -> backend.open(
						KeyStoreConfiguration.pkcs11Token(SoftHsmToken.MODULE, "Station 7", pin))).getMessage());
	}

	@Test
	void aMissingModuleIsNamed() throws Exception {
		SecretSource pin = Secrets.inFile(secrets, "pin", SoftHsmToken.PIN);
		Path module = Path.of("/usr/lib/no-such-pkcs11.so");
		assertEquals("the PKCS#11 module " + module + " does not exist", refused(() -> backend.open(
				KeyStoreConfiguration.pkcs11Token(module, SoftHsmToken.LABEL, pin))).getMessage());
	}

	@Test
	void privateKeysStayOnTheToken() throws Exception {
		try (KeyStoreSession store = open()) {
			store.generateKeyPair("station");
			store.importKeyPair("batch", softwareKeyPair());
			// sensitive and not extractable: the handle carries no key material
			assertNull(store.privateKey("station").getEncoded());
			assertNull(store.privateKey("batch").getEncoded());
		}
	}

	@Test
	void aTokenIsOpenOnceAtATime() throws Exception {
		try (KeyStoreSession store = open()) {
			assertEquals(TOKEN + " is open already in this program; close that first",
					refused(this::open).getMessage());
		}
		open().close();
	}
}
