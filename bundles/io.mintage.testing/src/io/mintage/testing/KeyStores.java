package io.mintage.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import io.mintage.core.sign.KeyStoreConfiguration;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.SecretSource;

/**
 * Real key stores for tests, opened through the signing backends the OSGi registry offers, the way the
 * products open them: an encrypted software keystore, or the SoftHSM2 token the tests create.
 */
public final class KeyStores {

	private KeyStores() {
	}

	/** The software keystore {@code name}.p12 in {@code folder}, its passphrase in a private file. */
	public static KeyStoreConfiguration softConfiguration(Path folder, String name) throws Exception {
		Path secret = folder.resolve(name + ".pass");
		SecretSource passphrase = Files.exists(secret) ? SecretSource.fromFile(secret)
				: Secrets.inFile(folder, name + ".pass", "passphrase of " + name);
		return KeyStoreConfiguration.softKeystore(folder.resolve(name + ".p12"), passphrase);
	}

	/** The SoftHSM2 token of this test JVM (created on first use), its PIN in a private file. */
	public static KeyStoreConfiguration tokenConfiguration(Path folder) throws Exception {
		SoftHsmToken.ensureCreated();
		Path secret = folder.resolve("token.pin");
		SecretSource pin = Files.exists(secret) ? SecretSource.fromFile(secret)
				: Secrets.inFile(folder, "token.pin", SoftHsmToken.PIN);
		return KeyStoreConfiguration.pkcs11Token(SoftHsmToken.MODULE, SoftHsmToken.LABEL, pin);
	}

	public static KeyStoreSession openSoft(Path folder, String name) throws Exception {
		return Backends.find("soft").open(softConfiguration(folder, name));
	}

	public static KeyStoreSession openToken(Path folder) throws Exception {
		return Backends.find("pkcs11").open(tokenConfiguration(folder));
	}
}
