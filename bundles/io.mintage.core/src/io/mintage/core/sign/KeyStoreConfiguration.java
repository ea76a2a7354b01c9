package io.mintage.core.sign;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which key store a {@link SigningBackend} opens: named settings, persisted in product configuration
 * (so their names are never renamed), and where the passphrase or PIN comes from. The settings are
 * plain strings so a new backend needs no change here; the factories name the ones of {@code soft} and
 * {@code pkcs11}.
 */
public final class KeyStoreConfiguration {

	/** {@code soft}: the PKCS#12 keystore file. */
	public static final String KEYSTORE_FILE = "file";
	/** {@code pkcs11}: the PKCS#11 module (shared library) of the token's vendor. */
	public static final String PKCS11_MODULE = "module";
	/** {@code pkcs11}: the token's label; slot ids change when readers are plugged in, labels do not. */
	public static final String TOKEN_LABEL = "token-label";

	private final Map<String, String> settings;
	private final SecretSource secret;

	public KeyStoreConfiguration(Map<String, String> settings, SecretSource secret) {
		this.settings = Map.copyOf(settings);
		this.secret = Objects.requireNonNull(secret, "secret");
	}

	/** An encrypted PKCS#12 keystore; it is created when the first key is stored. */
	public static KeyStoreConfiguration softKeystore(Path file, SecretSource passphrase) {
		return new KeyStoreConfiguration(Map.of(KEYSTORE_FILE, file.toAbsolutePath().normalize().toString()),
				passphrase);
	}

	/** The token with label {@code tokenLabel} behind the PKCS#11 module {@code module}. */
	public static KeyStoreConfiguration pkcs11Token(Path module, String tokenLabel, SecretSource pin) {
		return new KeyStoreConfiguration(Map.of(PKCS11_MODULE, module.toString(), TOKEN_LABEL, tokenLabel), pin);
	}

	public Optional<String> setting(String name) {
		return Optional.ofNullable(settings.get(name));
	}

	/** The setting {@code name}, or a plain refusal naming it for the backend {@code backendType}. */
	public String requireSetting(String name, String backendType) throws SigningException {
		String value = settings.get(name);
		if (value == null || value.isBlank()) {
			throw new SigningException("the " + backendType + " signing backend needs the setting '" + name
					+ "', which the configuration does not give");
		}
		return value;
	}

	public Map<String, String> settings() {
		return settings;
	}

	public SecretSource secret() {
		return secret;
	}

	/** Settings and where the secret comes from; never the secret. */
	@Override
	public String toString() {
		return new TreeMap<>(settings) + " with the secret from " + secret;
	}
}
