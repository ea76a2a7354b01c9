package io.mintage.sign.pkcs11.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Component;

import io.mintage.core.sign.KeyStoreConfiguration;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.SigningBackend;
import io.mintage.core.sign.SigningException;

/**
 * Keys on a PKCS#11 token (HSM, smart card, SoftHSM) through the JDK's SunPKCS11 provider: settings
 * {@link KeyStoreConfiguration#PKCS11_MODULE} and {@link KeyStoreConfiguration#TOKEN_LABEL}, the secret is
 * the user PIN. Private keys are generated on the token, sensitive and not extractable.
 */
// immediate: one instance for as long as the bundle runs, so its providers and open-token guard are the process's
@Component(service = SigningBackend.class, property = SigningBackend.TYPE + "=" + Pkcs11SigningBackend.TYPE_ID,
		immediate = true)
public final class Pkcs11SigningBackend implements SigningBackend {

	static final String TYPE_ID = "pkcs11";

	/* One provider per token: each SunPKCS11 instance holds a session pool, so it is made once and reused. */
	private final Map<String, Provider> providers = new ConcurrentHashMap<>();
	/*
	 * A PKCS#11 login belongs to the whole process, and SunPKCS11 skips the PIN check when the token is
	 * logged in already; so one session per token at a time, and every open logs in afresh.
	 */
	private final Set<String> openTokens = new HashSet<>();

	@Override
	public String type() {
		return TYPE_ID;
	}

	@Override
	public KeyStoreSession open(KeyStoreConfiguration configuration) throws SigningException {
		Path module = Path.of(configuration.requireSetting(KeyStoreConfiguration.PKCS11_MODULE, TYPE_ID))
				.toAbsolutePath().normalize();
		String label = configuration.requireSetting(KeyStoreConfiguration.TOKEN_LABEL, TYPE_ID);
		if (!Files.isRegularFile(module)) {
			throw new SigningException("the PKCS#11 module " + module + " does not exist");
		}
		TokenDirectory.Token token = findToken(module, label);
		String key = module + "#" + Long.toUnsignedString(token.slotId());
		String description = "the token '" + label + "' (PKCS#11 module " + module + ")";
		synchronized (openTokens) {
			if (!openTokens.add(key)) {
				throw new SigningException(description + " is open already in this program; close that first");
			}
		}
		try {
			Provider provider = providers.computeIfAbsent(key, k -> configure(module, token.slotId()));
			return Pkcs11KeyStoreSession.login(description, provider, configuration.secret(), () -> {
				synchronized (openTokens) {
					openTokens.remove(key);
				}
			});
		} catch (SigningException | RuntimeException e) {
			synchronized (openTokens) {
				openTokens.remove(key);
			}
			if (e instanceof ProviderException) {
				throw new SigningException(description + " could not be used: " + e.getMessage(), e);
			}
			throw e;
		}
	}

	private static TokenDirectory.Token findToken(Path module, String label) throws SigningException {
		List<TokenDirectory.Token> tokens = TokenDirectory.tokens(module);
		List<TokenDirectory.Token> matching = tokens.stream().filter(t -> t.label().equals(label)).toList();
		if (matching.size() == 1) {
			return matching.get(0);
		}
		if (matching.size() > 1) {
			throw new SigningException(matching.size() + " tokens behind the PKCS#11 module " + module
					+ " carry the label '" + label + "'; give each token its own label");
		}
		if (tokens.isEmpty()) {
			throw new SigningException("there is no token labelled '" + label + "' behind the PKCS#11 module " + module
					+ ": it shows no initialized token at all (is the card or HSM connected?)");
		}
		throw new SigningException("there is no token labelled '" + label + "' behind the PKCS#11 module " + module
				+ "; its tokens are: " + tokens.stream().map(t -> "'" + t.label() + "'").collect(Collectors.joining(", ")));
	}

	/**
	 * A SunPKCS11 instance for one slot. Generated and imported private keys are private, sensitive and
	 * never extractable, and may sign and derive (ECDH, for CMS decryption; SunPKCS11 sets neither by
	 * default, and a token refuses what a key does not allow). The key pair generator makes session
	 * objects, which the key store copies onto the token only together with their certificate, so a
	 * failure in between leaves no orphan key.
	 * <p>
	 * The ECDH agreement derives the shared secret as a generic secret key object and SunPKCS11 then reads
	 * its value; some tokens (SoftHSM2) make it sensitive after a sensitive base key, so the template asks
	 * for a readable one. That one-time secret is what CMS needs in Java for its key derivation anyway;
	 * the private key itself stays on the token.
	 */
	private static Provider configure(Path module, long slotId) {
		String library = module.toString();
		if (library.contains("\"") || library.contains("\n")) {
			throw new ProviderException("the module path contains a quote or a line break");
		}
		String keyAttributes = "{\n  CKA_PRIVATE = true\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n"
				+ "  CKA_SIGN = true\n  CKA_DERIVE = true\n}\n";
		String slot = Long.toUnsignedString(slotId); // CK_SLOT_ID is an unsigned long
		String config = "--name = MintageSlot" + slot + "\n" //
				+ "library = \"" + library + "\"\n" //
				+ "slot = " + slot + "\n" //
				+ "attributes(generate, CKO_PRIVATE_KEY, CKK_EC) = " + keyAttributes //
				+ "attributes(import, CKO_PRIVATE_KEY, CKK_EC) = " + keyAttributes //
				+ "attributes(generate, CKO_SECRET_KEY, CKK_GENERIC_SECRET) = {\n  CKA_SENSITIVE = false\n"
				+ "  CKA_EXTRACTABLE = true\n}\n";
		Provider unconfigured = Security.getProvider("SunPKCS11");
		if (unconfigured == null) {
			throw new ProviderException("this Java has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
		}
		return unconfigured.configure(config);
	}
}
