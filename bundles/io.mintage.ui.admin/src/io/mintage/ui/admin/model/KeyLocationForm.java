package io.mintage.ui.admin.model;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import io.mintage.core.sign.KeyLocation;
import io.mintage.core.sign.KeyStoreConfiguration;
import io.mintage.core.sign.SecretSource;
import io.mintage.core.sign.SigningException;

/**
 * Where the authority's key is and where its passphrase or PIN comes from, as the key ceremony and the
 * import dialog ask it: a software key store file or a PKCS#11 token, and an environment variable or a
 * private file for the secret — the choices {@code admin init} offers with its options. The secret
 * itself is never kept here: a typed one is compared with the source's and both are cleared.
 */
public final class KeyLocationForm {

	/** Where the key is. */
	public enum Store {
		SOFTWARE, TOKEN
	}

	/** Where its secret comes from. */
	public enum Secret {
		ENVIRONMENT, FILE
	}

	private Store store = Store.SOFTWARE;
	private String keystore = "";
	private String module = "";
	private String tokenLabel = "";
	private String alias = io.mintage.admin.Authority.ALIAS;
	private Secret secret = Secret.ENVIRONMENT;
	private String secretName = "";

	public void store(Store where) {
		store = Objects.requireNonNull(where, "where");
	}

	public Store store() {
		return store;
	}

	public void keystore(String path) {
		keystore = path.strip();
	}

	public void token(String modulePath, String label) {
		module = modulePath.strip();
		tokenLabel = label.strip();
	}

	public void alias(String name) {
		alias = name.strip();
	}

	/** The environment variable's name or the file's path. */
	public void secret(Secret kind, String nameOrPath) {
		secret = Objects.requireNonNull(kind, "kind");
		secretName = nameOrPath.strip();
	}

	/** What is missing or wrong, in words naming the field; empty when the location is complete. */
	public Optional<String> problem() {
		if (alias.isEmpty()) {
			return Optional.of("Give the key's name (alias) in the store.");
		}
		if (store == Store.SOFTWARE) {
			if (keystore.isEmpty()) {
				return Optional.of("Say which key store file holds the key.");
			}
			Optional<String> path = pathProblem(keystore, "key store");
			if (path.isPresent()) {
				return path;
			}
		} else {
			if (module.isEmpty()) {
				return Optional.of("Say which PKCS#11 library talks to the token (such as"
						+ " /usr/lib/softhsm/libsofthsm2.so).");
			}
			Optional<String> path = pathProblem(module, "PKCS#11 library");
			if (path.isPresent()) {
				return path;
			}
			if (!Files.isRegularFile(Path.of(module))) {
				return Optional.of("There is no PKCS#11 library " + module + ".");
			}
			if (tokenLabel.isEmpty()) {
				return Optional.of("Give the token's label.");
			}
		}
		String what = store == Store.SOFTWARE ? "passphrase" : "PIN";
		if (secretName.isEmpty()) {
			return Optional.of(secret == Secret.ENVIRONMENT
					? "Name the environment variable that holds the " + what + "."
					: "Say which private file holds the " + what + ".");
		}
		if (secret == Secret.ENVIRONMENT && !secretName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
			return Optional.of("'" + secretName + "' is not an environment variable name (letters, digits, _).");
		}
		if (secret == Secret.FILE) {
			return pathProblem(secretName, what + " file");
		}
		return Optional.empty();
	}

	/** The location; call when {@link #problem()} is empty. */
	public KeyLocation location() {
		SecretSource source = source();
		KeyStoreConfiguration configuration = store == Store.SOFTWARE
				? KeyStoreConfiguration.softKeystore(Path.of(keystore), source)
				: KeyStoreConfiguration.pkcs11Token(Path.of(module), tokenLabel, source);
		return new KeyLocation(store == Store.SOFTWARE ? "soft" : "pkcs11", alias, configuration);
	}

	/**
	 * Whether the secret source holds exactly {@code typed}: the key ceremony asks for the passphrase (or
	 * PIN) and makes sure the place it names for later signings gives the same one. Clears what it reads;
	 * {@code typed} stays the caller's to clear.
	 *
	 * @return why not, in words; empty when it does
	 */
	public Optional<String> secretMismatch(char[] typed) {
		String what = store == Store.SOFTWARE ? "passphrase" : "PIN";
		char[] stored;
		try {
			stored = source().read();
		} catch (SigningException e) {
			return Optional.of(capitalized(e.getMessage()) + (secret == Secret.ENVIRONMENT
					? ". Start Mintage Admin with the variable holding the " + what + ", or choose a private file."
					: ". The file must hold the " + what + " and be readable by you only (chmod 600)."));
		}
		try {
			if (!constantTimeEquals(stored, typed)) {
				return Optional.of("The " + what + " typed here is not the one " + source() + " holds; later signings"
						+ " read it from there, so they must be the same.");
			}
			return Optional.empty();
		} finally {
			Arrays.fill(stored, '\0');
		}
	}

	private SecretSource source() {
		return secret == Secret.ENVIRONMENT ? SecretSource.fromEnvironment(secretName)
				: SecretSource.fromFile(Path.of(secretName));
	}

	private static boolean constantTimeEquals(char[] a, char[] b) {
		int difference = a.length ^ b.length;
		for (int i = 0; i < Math.max(a.length, b.length); i++) {
			char x = i < a.length ? a[i] : 0;
			char y = i < b.length ? b[i] : 0;
			difference |= x ^ y;
		}
		return difference == 0;
	}

	private static Optional<String> pathProblem(String text, String what) {
		try {
			Path path = Path.of(text);
			if (!path.isAbsolute()) {
				return Optional.of("Give the " + what + " as a full path, starting with /.");
			}
			return Optional.empty();
		} catch (InvalidPathException e) {
			return Optional.of("'" + text + "' is not a " + what + " path: " + e.getReason() + ".");
		}
	}

	static String capitalized(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}
}
