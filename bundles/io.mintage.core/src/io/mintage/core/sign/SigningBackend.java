package io.mintage.core.sign;

/**
 * Where private keys live and sign: an encrypted software keystore ({@code soft}), a PKCS#11 token
 * ({@code pkcs11}), later an online authority. A backend is an OSGi service found by {@link #TYPE}; it
 * holds no keys itself but {@linkplain #open opens} a key store described by a configuration, so the
 * authority key and the station key can live in either kind of store and callers never care which.
 * ECDSA P-256 with SHA-256 throughout, because every HSM, smart card and secure element does it.
 */
public interface SigningBackend {

	/** Service property; its values ({@code soft}, {@code pkcs11}) are persisted and never renamed. */
	String TYPE = "mintage.signing.backend";

	/** The value of {@link #TYPE} this backend is registered with. */
	String type();

	/**
	 * Opens (and logs in to) the key store the configuration describes. The secret is read from its
	 * source here and cleared again as soon as the store no longer needs it.
	 *
	 * @throws SigningException in plain words naming the file, module or token and why it cannot be
	 *                          opened (wrong passphrase or PIN, missing token, unreadable file); never
	 *                          with the secret in it
	 */
	KeyStoreSession open(KeyStoreConfiguration configuration) throws SigningException;
}
