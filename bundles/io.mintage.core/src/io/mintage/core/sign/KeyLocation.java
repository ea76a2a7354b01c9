package io.mintage.core.sign;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.CommandException;
import io.mintage.core.io.PrivateFiles;

/**
 * Where a product's own key lives — the authority key of the admin, the station key of a station — as
 * the user chose it once at {@code init}: which signing backend, its settings, and where the secret
 * comes from (never the secret itself). It is kept in a private properties file in the product's state
 * folder, so later commands open the same store without being told again. The property names are
 * persisted: never renamed.
 */
public final class KeyLocation {

	public static final String KEYSTORE = "--keystore";
	public static final String PASSPHRASE_ENV = "--passphrase-env";
	public static final String PASSPHRASE_FILE = "--passphrase-file";
	public static final String PKCS11_MODULE = "--pkcs11-module";
	public static final String TOKEN_LABEL = "--token-label";
	public static final String PIN_ENV = "--pin-env";
	public static final String PIN_FILE = "--pin-file";

	/** The command-line options {@link #fromArguments} reads, for a command's option list. */
	public static final Set<String> OPTIONS = Set.of(KEYSTORE, PASSPHRASE_ENV, PASSPHRASE_FILE, PKCS11_MODULE,
			TOKEN_LABEL, PIN_ENV, PIN_FILE);

	/** Usage lines for the options, shared by every command that takes them. */
	public static final String USAGE = """
			Where the key lives (default: an encrypted keystore in the state folder):
			  --keystore FILE          the PKCS#12 keystore to use
			  --passphrase-env VAR     the keystore passphrase is in environment variable VAR
			  --passphrase-file FILE   ... or in FILE (readable by you only: chmod 600)
			  --pkcs11-module LIB      use a PKCS#11 token through this library instead
			  --token-label LABEL      the token's label
			  --pin-env VAR            the user PIN is in environment variable VAR
			  --pin-file FILE          ... or in FILE (readable by you only)
			A passphrase or PIN is never given on the command line itself.""";

	private static final String BACKEND = "backend";
	private static final String ALIAS = "alias";
	private static final String SECRET_ENV = "secret-env";
	private static final String SECRET_FILE = "secret-file";
	private static final String SETTING_PREFIX = "setting.";

	private final String backendType;
	private final String alias;
	private final KeyStoreConfiguration configuration;

	public KeyLocation(String backendType, String alias, KeyStoreConfiguration configuration) {
		this.backendType = Objects.requireNonNull(backendType, "backendType");
		this.alias = Objects.requireNonNull(alias, "alias");
		this.configuration = Objects.requireNonNull(configuration, "configuration");
	}

	/**
	 * The location the options of an {@code init} command describe: a PKCS#11 token when
	 * {@code --pkcs11-module} is given, otherwise a software keystore ({@code defaultKeystore} unless
	 * {@code --keystore} names another). The secret's source is required: the user decides it.
	 */
	public static KeyLocation fromArguments(Arguments arguments, Path workingDirectory, Path defaultKeystore,
			String alias) throws CommandException {
		if (arguments.option(PKCS11_MODULE).isPresent()) {
			refuseOptions(arguments, "a PKCS#11 token", KEYSTORE, PASSPHRASE_ENV, PASSPHRASE_FILE);
			Path module = workingDirectory.resolve(arguments.option(PKCS11_MODULE).get());
			String label = arguments.option(TOKEN_LABEL).orElseThrow(
					() -> CommandException.usage(PKCS11_MODULE + " needs " + TOKEN_LABEL + " to say which token"));
			SecretSource pin = secret(arguments, workingDirectory, PIN_ENV, PIN_FILE, "the token's PIN");
			return new KeyLocation("pkcs11", alias, KeyStoreConfiguration.pkcs11Token(module, label, pin));
		}
		refuseOptions(arguments, "a software keystore", TOKEN_LABEL, PIN_ENV, PIN_FILE);
		Path keystore = arguments.option(KEYSTORE).map(workingDirectory::resolve).orElse(defaultKeystore);
		SecretSource passphrase = secret(arguments, workingDirectory, PASSPHRASE_ENV, PASSPHRASE_FILE,
				"the keystore's passphrase");
		return new KeyLocation("soft", alias, KeyStoreConfiguration.softKeystore(keystore, passphrase));
	}

	private static void refuseOptions(Arguments arguments, String kind, String... options) throws CommandException {
		for (String option : options) {
			if (arguments.option(option).isPresent()) {
				throw CommandException.usage(option + " does not apply to " + kind);
			}
		}
	}

	private static SecretSource secret(Arguments arguments, Path workingDirectory, String envOption,
			String fileOption, String what) throws CommandException {
		var variable = arguments.option(envOption);
		var file = arguments.option(fileOption);
		if (variable.isPresent() == file.isPresent()) {
			throw CommandException.usage("say where " + what + " comes from: " + envOption + " VAR or " + fileOption
					+ " FILE (one of them)");
		}
		try {
			return variable.isPresent() ? SecretSource.fromEnvironment(variable.get())
					: SecretSource.fromFile(workingDirectory.resolve(file.get()));
		} catch (IllegalArgumentException e) {
			throw CommandException.usage(e.getMessage());
		}
	}

	public String backendType() {
		return backendType;
	}

	public String alias() {
		return alias;
	}

	public KeyStoreConfiguration configuration() {
		return configuration;
	}

	/** Opens the store with the backend of {@link #backendType()} among those the runtime offers. */
	public KeyStoreSession open(Collection<SigningBackend> backends) throws SigningException {
		for (SigningBackend backend : backends) {
			if (backend.type().equals(backendType)) {
				return backend.open(configuration);
			}
		}
		Set<String> available = new TreeSet<>();
		backends.forEach(backend -> available.add(backend.type()));
		throw new SigningException("the key is in a '" + backendType + "' store, but this installation has no such "
				+ "signing backend (it has: " + String.join(", ", available) + ")");
	}

	/** Writes the location (no secret) to a private file, replacing it atomically. */
	public void store(Path file) throws IOException {
		Properties properties = new Properties();
		properties.setProperty(BACKEND, backendType);
		properties.setProperty(ALIAS, alias);
		configuration.settings().forEach((name, value) -> properties.setProperty(SETTING_PREFIX + name, value));
		SecretSource secret = configuration.secret();
		secret.environmentVariable().ifPresent(name -> properties.setProperty(SECRET_ENV, name));
		secret.file().ifPresent(path -> properties.setProperty(SECRET_FILE, path.toString()));
		StringWriter text = new StringWriter();
		properties.store(text, "Mintage key location: where the key is and where its secret comes from");
		PrivateFiles.writeAtomically(file, text.toString().getBytes(StandardCharsets.ISO_8859_1));
	}

	/** Reads what {@link #store} wrote; plain words when it is missing or damaged. */
	public static KeyLocation load(Path file) throws SigningException {
		Properties properties = new Properties();
		try {
			properties.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
		} catch (NoSuchFileException e) {
			throw new SigningException("there is no key yet (" + file + " does not exist): run init first");
		} catch (IOException | IllegalArgumentException e) {
			throw new SigningException("the key location file " + file + " cannot be read: " + e.getMessage());
		}
		String backend = properties.getProperty(BACKEND);
		String alias = properties.getProperty(ALIAS);
		String variable = properties.getProperty(SECRET_ENV);
		String secretFile = properties.getProperty(SECRET_FILE);
		if (backend == null || alias == null || (variable == null) == (secretFile == null)) {
			throw new SigningException("the key location file " + file + " is incomplete: it needs " + BACKEND + ", "
					+ ALIAS + " and one of " + SECRET_ENV + " or " + SECRET_FILE);
		}
		Map<String, String> settings = new HashMap<>();
		for (String name : properties.stringPropertyNames()) {
			if (name.startsWith(SETTING_PREFIX)) {
				settings.put(name.substring(SETTING_PREFIX.length()), properties.getProperty(name));
			}
		}
		SecretSource secret = variable != null ? SecretSource.fromEnvironment(variable)
				: SecretSource.fromFile(Path.of(secretFile));
		return new KeyLocation(backend, alias, new KeyStoreConfiguration(settings, secret));
	}

	@Override
	public String toString() {
		return "key '" + alias + "' in the " + backendType + " store " + configuration;
	}
}
