package io.mintage.sign.jca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.mintage.core.sign.P256Keys;
import io.mintage.core.sign.SigningException;

/**
 * The key entries of a {@link KeyStore} — a PKCS#12 file or a PKCS#11 token seen through SunPKCS11 —
 * with the look-ups, checks and operations every key-store backend does the same way, and errors that
 * name the key store and the alias. Backends keep what really differs: how entries are stored, how
 * private keys are unlocked, and what closing means.
 */
public final class KeyEntries {

	private final KeyStore store;
	private final String description;
	private final String place;

	/**
	 * @param description how users know the key store, e.g. "the keystore /x/station.p12"
	 * @param preposition how a key sits there: "in" a keystore file, "on" a token
	 */
	public KeyEntries(KeyStore store, String description, String preposition) {
		this.store = store;
		this.description = description;
		this.place = preposition + " " + description;
	}

	public KeyStore store() {
		return store;
	}

	public String description() {
		return description;
	}

	/** Aliases of private-key entries, sorted. */
	public List<String> aliases() throws SigningException {
		try {
			List<String> aliases = new ArrayList<>();
			for (String alias : Collections.list(store.aliases())) {
				if (store.isKeyEntry(alias)) {
					aliases.add(alias);
				}
			}
			Collections.sort(aliases);
			return aliases;
		} catch (GeneralSecurityException e) {
			throw failure("could not list the keys", e);
		}
	}

	public boolean contains(String alias) throws SigningException {
		P256Keys.requireValidAlias(alias);
		try {
			return store.isKeyEntry(alias);
		} catch (GeneralSecurityException e) {
			throw failure("could not look up the key '" + alias + "'", e);
		}
	}

	/** @param hint said after the message when it helps, e.g. " (the file does not exist yet)" */
	public void requirePresent(String alias, String hint) throws SigningException {
		if (!contains(alias)) {
			throw new SigningException("there is no key '" + alias + "' " + place + hint);
		}
	}

	public void requireAbsent(String alias) throws SigningException {
		if (contains(alias)) {
			throw new SigningException("there is a key '" + alias + "' " + place
					+ " already; it is never replaced: delete it first or choose another alias");
		}
	}

	public List<X509Certificate> certificateChain(String alias) throws SigningException {
		try {
			List<X509Certificate> chain = new ArrayList<>();
			for (Certificate certificate : store.getCertificateChain(alias)) {
				chain.add((X509Certificate) certificate);
			}
			return List.copyOf(chain);
		} catch (GeneralSecurityException e) {
			throw failure("could not read the certificates of the key '" + alias + "'", e);
		}
	}

	/** A new P-256 key pair made by {@code provider} (on a token, the private half stays there). */
	public KeyPair generateP256(Provider provider) throws SigningException {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
			generator.initialize(new ECGenParameterSpec(P256Keys.CURVE));
			return generator.generateKeyPair();
		} catch (GeneralSecurityException e) {
			throw failure("could not generate a P-256 key", e);
		}
	}

	/** SHA256withECDSA, DER-encoded, with the key's own provider. */
	public byte[] sign(String alias, PrivateKey key, Provider provider, byte[] data) throws SigningException {
		try {
			Signature signature = Signature.getInstance(P256Keys.SIGNATURE_ALGORITHM, provider);
			signature.initSign(key);
			signature.update(data);
			return signature.sign();
		} catch (GeneralSecurityException e) {
			throw failure("could not sign with the key '" + alias + "'", e);
		}
	}

	public SigningException failure(String what, GeneralSecurityException e) {
		return new SigningException(description + ": " + what + ": " + e.getMessage(), e);
	}
}
