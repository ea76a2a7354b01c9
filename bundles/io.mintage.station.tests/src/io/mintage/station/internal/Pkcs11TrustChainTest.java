package io.mintage.station.internal;

import java.nio.file.Path;
import java.util.List;

import io.mintage.core.sign.KeyLocation;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.testing.KeyStores;
import io.mintage.testing.Secrets;
import io.mintage.testing.SoftHsmToken;

/**
 * The trust chain with the authority and station keys on a PKCS#11 token (SoftHSM2, made by the
 * tests): the same commands, the same checks, another backend.
 */
class Pkcs11TrustChainTest extends TrustChainTest {

	@Override
	List<String> keyOptions(Path folder, String role) throws Exception {
		SoftHsmToken.ensureCreated();
		Path pin = folder.resolve("token.pin");
		if (!java.nio.file.Files.exists(pin)) {
			Secrets.inFile(folder, "token.pin", SoftHsmToken.PIN);
		}
		return List.of(KeyLocation.PKCS11_MODULE, SoftHsmToken.MODULE.toString(), KeyLocation.TOKEN_LABEL,
				SoftHsmToken.LABEL, KeyLocation.PIN_FILE, pin.toString());
	}

	@Override
	void clearKeys() throws Exception {
		try (KeyStoreSession token = KeyStores.openToken(work)) {
			for (String alias : token.aliases()) {
				token.delete(alias);
			}
		}
	}
}
