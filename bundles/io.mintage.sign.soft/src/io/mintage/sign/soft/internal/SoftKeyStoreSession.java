package io.mintage.sign.soft.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.spec.PBEParameterSpec;

import io.mintage.core.io.PrivateFiles;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.P256Keys;
import io.mintage.core.sign.SecretSource;
import io.mintage.core.sign.SigningException;
import io.mintage.sign.jca.KeyEntries;
import io.mintage.sign.jca.PlaceholderCertificate;

/**
 * An open PKCS#12 keystore file. Every private key is encrypted with PBES2: PBKDF2 with HMAC-SHA256
 * ({@value #KEY_PBE_ITERATIONS} iterations, 20 random salt bytes per key) and AES-256-CBC, requested
 * explicitly per entry rather than left to the {@code keystore.pkcs12.*} security properties, which any
 * code in the JVM may change. The file's integrity MAC (HmacPBESHA256) and certificate encryption
 * (PBEWithHmacSHA256AndAES_256) are the JDK 17 defaults; the tests check the written file has them.
 * Decrypted keys are kept for the session so the slow key derivation runs once per key.
 */
final class SoftKeyStoreSession implements KeyStoreSession {

	static final String KEY_PROTECTION_ALGORITHM = "PBEWithHmacSHA256AndAES_256";
	static final int KEY_PBE_ITERATIONS = 600_000;
	private static final int SALT_LENGTH = 20;

	/* SunEC does P-256 signatures and ECDH; named, so a provider added to the JVM later cannot step in. */
	private static final Provider PROVIDER = Security.getProvider("SunEC");

	private final Path file;
	private final KeyStore store;
	private final KeyEntries entries;
	/*
	 * Keys decrypted once per session. Concurrent, so a signature with a key decrypted already does not
	 * wait behind the decryption of another (600,000 iterations, over a second) that holds the lock.
	 */
	private final Map<String, PrivateKey> decrypted = new ConcurrentHashMap<>();
	/* One lock per alias being decrypted, so waiting for one key does not mean waiting for all. */
	private final Map<String, Object> decrypting = new ConcurrentHashMap<>();
	private char[] passphrase;

	private SoftKeyStoreSession(Path file, KeyStore store, char[] passphrase) {
		this.file = file;
		this.store = store;
		this.entries = new KeyEntries(store, "the keystore " + file, "in");
		this.passphrase = passphrase;
	}

	/** Opens the keystore {@code file}, or starts an empty one that is written with its first key. */
	static SoftKeyStoreSession open(Path file, SecretSource passphraseSource) throws SigningException {
		if (Files.exists(file) && !Files.isRegularFile(file)) {
			throw new SigningException("the keystore " + file + " could not be opened: it is not a file");
		}
		char[] passphrase = passphraseSource.read();
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			if (Files.exists(file)) {
				try (InputStream in = Files.newInputStream(file)) {
					store.load(in, passphrase);
				}
			} else {
				store.load(null, null);
			}
			return new SoftKeyStoreSession(file, store, passphrase);
		} catch (IOException | GeneralSecurityException e) {
			Arrays.fill(passphrase, '\0');
			// the JDK says "keystore password was incorrect" for a wrong passphrase as well as for a changed file
			throw new SigningException("the keystore " + file + " could not be opened: wrong passphrase or damaged file",
					e);
		}
	}

	@Override
	public String type() {
		return SoftSigningBackend.TYPE_ID;
	}

	@Override
	public String description() {
		return entries.description();
	}

	@Override
	public synchronized List<String> aliases() throws SigningException {
		requireOpen();
		return entries.aliases();
	}

	@Override
	public synchronized boolean contains(String alias) throws SigningException {
		requireOpen();
		return entries.contains(alias);
	}

	@Override
	public synchronized PublicKey generateKeyPair(String alias) throws SigningException {
		requireAbsent(alias);
		KeyPair pair = entries.generateP256(PROVIDER);
		storeKey(alias, pair.getPrivate(), List.of(
				PlaceholderCertificate.create(alias, pair.getPublic(), pair.getPrivate(), PROVIDER)));
		return pair.getPublic();
	}

	@Override
	public synchronized void importKeyPair(String alias, KeyPair keyPair) throws SigningException {
		requireAbsent(alias);
		P256Keys.requireMatchingPair(alias, keyPair, PROVIDER);
		storeKey(alias, keyPair.getPrivate(), List.of(
				PlaceholderCertificate.create(alias, keyPair.getPublic(), keyPair.getPrivate(), PROVIDER)));
	}

	@Override
	public synchronized void setCertificateChain(String alias, List<X509Certificate> chain) throws SigningException {
		PrivateKey key = privateKey(alias);
		P256Keys.requireChainFor(alias, publicKey(alias), chain);
		storeKey(alias, key, List.copyOf(chain));
	}

	@Override
	public synchronized List<X509Certificate> certificateChain(String alias) throws SigningException {
		requirePresent(alias);
		return entries.certificateChain(alias);
	}

	@Override
	public synchronized PublicKey publicKey(String alias) throws SigningException {
		return certificateChain(alias).get(0).getPublicKey();
	}

	@Override
	public byte[] sign(String alias, byte[] data) throws SigningException {
		return entries.sign(alias, privateKey(alias), PROVIDER, data);
	}

	@Override
	public synchronized void delete(String alias) throws SigningException {
		requirePresent(alias);
		KeyStore.Entry entry;
		try {
			entry = store.getEntry(alias, protection());
			store.deleteEntry(alias);
		} catch (GeneralSecurityException e) {
			throw failure("could not delete the key '" + alias + "'", e);
		}
		try {
			save();
		} catch (SigningException e) {
			restore(alias, entry);
			throw e;
		}
		decrypted.remove(alias);
	}

	@Override
	public PrivateKey privateKey(String alias) throws SigningException {
		PrivateKey known = decrypted.get(alias);
		if (known != null) {
			return known;
		}
		// one decryption per key: a caller that waited for it finds the key here, without queueing for the
		// store behind the decryption of another key
		synchronized (decrypting.computeIfAbsent(alias, a -> new Object())) {
			known = decrypted.get(alias);
			return known != null ? known : decrypt(alias);
		}
	}

	private synchronized PrivateKey decrypt(String alias) throws SigningException {
		requirePresent(alias);
		PrivateKey key = decrypted.get(alias);
		if (key == null) {
			try {
				Key stored = store.getKey(alias, passphrase);
				if (!(stored instanceof PrivateKey) || !P256Keys.isP256(stored)) {
					throw new SigningException("the key '" + alias + "' in " + description() + " is not a P-256 private key");
				}
				key = (PrivateKey) stored;
			} catch (GeneralSecurityException e) {
				throw failure("could not decrypt the key '" + alias + "'", e);
			}
			decrypted.put(alias, key);
		}
		return key;
	}

	@Override
	public Provider provider() {
		return PROVIDER;
	}

	@Override
	public synchronized void close() {
		if (passphrase != null) {
			Arrays.fill(passphrase, '\0');
			passphrase = null;
		}
		decrypted.clear();
	}

	/** Adds or replaces the entry in memory, then writes the file; the entry is undone when writing fails. */
	private void storeKey(String alias, PrivateKey key, List<X509Certificate> chain) throws SigningException {
		KeyStore.Entry previous;
		try {
			previous = store.isKeyEntry(alias) ? store.getEntry(alias, protection()) : null;
			store.setEntry(alias, new KeyStore.PrivateKeyEntry(key, chain.toArray(new X509Certificate[0])), protection());
		} catch (GeneralSecurityException e) {
			throw failure("could not store the key '" + alias + "'", e);
		}
		try {
			save();
		} catch (SigningException e) {
			restore(alias, previous);
			throw e;
		}
		decrypted.put(alias, key);
	}

	private void restore(String alias, KeyStore.Entry previous) {
		try {
			if (previous == null) {
				store.deleteEntry(alias);
			} else {
				store.setEntry(alias, previous, protection());
			}
		} catch (GeneralSecurityException e) {
			// memory and file may differ now; the file is still the last good one, reopening shows it
		}
	}

	private KeyStore.PasswordProtection protection() {
		byte[] salt = new byte[SALT_LENGTH];
		new SecureRandom().nextBytes(salt);
		return new KeyStore.PasswordProtection(passphrase, KEY_PROTECTION_ALGORITHM,
				new PBEParameterSpec(salt, KEY_PBE_ITERATIONS));
	}

	private void save() throws SigningException {
		try {
			PrivateFiles.writeAtomically(file, out -> {
				try {
					store.store(out, passphrase);
				} catch (GeneralSecurityException e) {
					throw new IOException(e.getMessage(), e);
				}
			});
		} catch (IOException e) {
			throw new SigningException("the keystore " + file + " could not be written: " + e.getMessage(), e);
		}
	}

	private void requireOpen() throws SigningException {
		if (passphrase == null) {
			throw new SigningException(description() + " was closed");
		}
	}

	private void requirePresent(String alias) throws SigningException {
		requireOpen();
		entries.requirePresent(alias, Files.exists(file) ? "" : " (the file does not exist yet)");
	}

	private void requireAbsent(String alias) throws SigningException {
		requireOpen();
		entries.requireAbsent(alias);
	}

	private SigningException failure(String what, GeneralSecurityException e) {
		return entries.failure(what, e);
	}
}
