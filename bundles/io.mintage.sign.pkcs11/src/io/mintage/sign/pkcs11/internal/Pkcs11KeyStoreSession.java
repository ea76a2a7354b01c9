package io.mintage.sign.pkcs11.internal;

import java.io.IOException;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.security.auth.login.LoginException;

import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.P256Keys;
import io.mintage.core.sign.SecretSource;
import io.mintage.core.sign.SigningException;
import io.mintage.sign.jca.KeyEntries;
import io.mintage.sign.jca.PlaceholderCertificate;

/**
 * A logged-in PKCS#11 token seen through SunPKCS11's key store: a key is a private key object plus a
 * certificate object with the same CKA_ID (SunPKCS11 does not show a private key without one), labelled
 * with the alias. The PIN is cleared as soon as the login is done.
 */
final class Pkcs11KeyStoreSession implements KeyStoreSession {

	private final String description;
	private final Provider provider;
	private final KeyStore store;
	private final KeyEntries entries;
	private final Runnable onClose;
	private boolean closed;

	private Pkcs11KeyStoreSession(String description, Provider provider, KeyStore store, Runnable onClose) {
		this.description = description;
		this.provider = provider;
		this.store = store;
		this.entries = new KeyEntries(store, description, "on");
		this.onClose = onClose;
	}

	static Pkcs11KeyStoreSession login(String description, Provider provider, SecretSource pinSource, Runnable onClose)
			throws SigningException {
		char[] pin = pinSource.read();
		try {
			// whoever logged in before is logged out, so that this PIN is really checked
			logout(provider);
			KeyStore store = KeyStore.getInstance("PKCS11", provider);
			store.load(null, pin);
			return new Pkcs11KeyStoreSession(description, provider, store, onClose);
		} catch (IOException | GeneralSecurityException e) {
			throw new SigningException(description + " " + loginFailure(e), e);
		} finally {
			Arrays.fill(pin, '\0');
		}
	}

	private static String loginFailure(Exception e) {
		for (Throwable cause = e; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage());
			if (message.contains("CKR_PIN_INCORRECT")) {
				return "refused the PIN: wrong PIN";
			}
			if (message.contains("CKR_PIN_LOCKED")) {
				return "is locked after too many wrong PINs; its security officer must unlock it";
			}
		}
		return "could not be logged in to: " + e.getMessage();
	}

	@Override
	public String type() {
		return Pkcs11SigningBackend.TYPE_ID;
	}

	@Override
	public String description() {
		return description;
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
		KeyPair pair = entries.generateP256(provider);
		storeKey(alias, pair.getPrivate(),
				PlaceholderCertificate.create(alias, pair.getPublic(), pair.getPrivate(), provider));
		return publicKey(alias);
	}

	@Override
	public synchronized void importKeyPair(String alias, KeyPair keyPair) throws SigningException {
		requireAbsent(alias);
		// the key is still in software here: check and certify it there, then the token takes it over
		Provider software = Security.getProvider("SunEC");
		P256Keys.requireMatchingPair(alias, keyPair, software);
		storeKey(alias, keyPair.getPrivate(),
				PlaceholderCertificate.create(alias, keyPair.getPublic(), keyPair.getPrivate(), software));
	}

	@Override
	public synchronized void setCertificateChain(String alias, List<X509Certificate> chain) throws SigningException {
		PrivateKey key = privateKey(alias);
		P256Keys.requireChainFor(alias, publicKey(alias), chain);
		storeKey(alias, key, chain.toArray(new X509Certificate[0]));
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
	public synchronized byte[] sign(String alias, byte[] data) throws SigningException {
		// the token does raw ECDSA; SunPKCS11 hashes in Java and encodes the result as DER
		return entries.sign(alias, privateKey(alias), provider, data);
	}

	@Override
	public synchronized void delete(String alias) throws SigningException {
		requirePresent(alias);
		try {
			store.deleteEntry(alias);
		} catch (GeneralSecurityException e) {
			throw failure("could not delete the key '" + alias + "'", e);
		}
	}

	@Override
	public synchronized PrivateKey privateKey(String alias) throws SigningException {
		requirePresent(alias);
		try {
			Key key = store.getKey(alias, null);
			if (!(key instanceof PrivateKey privateKey)) {
				throw new SigningException("the key '" + alias + "' on " + description + " is not a private key");
			}
			return privateKey;
		} catch (GeneralSecurityException e) {
			throw failure("could not find the private key '" + alias + "'", e);
		}
	}

	@Override
	public Provider provider() {
		return provider;
	}

	@Override
	public synchronized void close() {
		if (!closed) {
			closed = true;
			logout(provider);
			onClose.run();
		}
	}

	private void storeKey(String alias, PrivateKey key, X509Certificate... chain) throws SigningException {
		try {
			store.setKeyEntry(alias, key, null, chain);
		} catch (GeneralSecurityException e) {
			throw failure("could not store the key '" + alias + "'", e);
		}
	}

	private static void logout(Provider provider) {
		try {
			((AuthProvider) provider).logout();
		} catch (LoginException e) {
			// not logged in, or the token is gone: nothing stays open either way
		}
	}

	private void requireOpen() throws SigningException {
		if (closed) {
			throw new SigningException(description + " was closed");
		}
	}

	private void requirePresent(String alias) throws SigningException {
		requireOpen();
		entries.requirePresent(alias, "");
	}

	private void requireAbsent(String alias) throws SigningException {
		requireOpen();
		entries.requireAbsent(alias);
	}

	private SigningException failure(String what, GeneralSecurityException e) {
		return entries.failure(what, e);
	}
}
