package io.mintage.core.sign;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An opened key store of a {@link SigningBackend}: a software keystore file or a logged-in token.
 * Every change is durable when the method returns (the file is rewritten atomically, the token object
 * is created). Every key is EC P-256 and has a certificate chain: a self-signed placeholder until
 * {@link #setCertificateChain} stores the real one (a station's issued certificate, the authority's CA
 * certificate). Close it to log out of the token or forget the passphrase.
 */
public interface KeyStoreSession extends SigningKeys, AutoCloseable {

	/** Names the store for people, e.g. "the keystore /x/station.p12" or "the token 'Station 1'". */
	String description();

	@Override
	List<String> aliases() throws SigningException;

	boolean contains(String alias) throws SigningException;

	/**
	 * Generates an EC P-256 key pair inside the store (on the token: sensitive and not extractable).
	 *
	 * @throws SigningException when {@code alias} exists already: a key is never replaced silently
	 */
	PublicKey generateKeyPair(String alias) throws SigningException;

	@Override
	PublicKey publicKey(String alias) throws SigningException;

	@Override
	byte[] sign(String alias, byte[] data) throws SigningException;

	/**
	 * Stores a P-256 key pair made elsewhere, e.g. the quota's batch key unwrapped from its CMS envelope
	 * into the station's store. Refuses an existing alias and a public key that is not the private key's.
	 */
	void importKeyPair(String alias, KeyPair keyPair) throws SigningException;

	/** Replaces the key's certificate chain; the first certificate must carry the key's public key. */
	void setCertificateChain(String alias, List<X509Certificate> chain) throws SigningException;

	/** The key's chain, leaf first: the placeholder until {@link #setCertificateChain} was called. */
	List<X509Certificate> certificateChain(String alias) throws SigningException;

	void delete(String alias) throws SigningException;

	/**
	 * A handle to the private key for operations other than signing, above all the ECDH key agreement
	 * of CMS decryption. Use it only with {@link #provider()}: for a token the handle names an object on
	 * the token and holds no key material; for a software store it is the decrypted key.
	 */
	PrivateKey privateKey(String alias) throws SigningException;

	/** The JCA provider that works with {@link #privateKey} handles (KeyAgreement "ECDH", Signature). */
	Provider provider();

	/** Logs out of the token or clears the passphrase; the session is unusable afterwards. */
	@Override
	void close();
}
