package io.mintage.trust;

import io.mintage.core.sign.SigningKeys;
import io.mintage.trust.internal.BackendSigningKey;

/**
 * A P-256 private key that signs, wherever it lives: the authority's key signs batch certificates, a
 * station's batch key signs device records. The key itself never shows; only its public half and its
 * signatures do.
 */
public interface EcdsaSigningKey {

	P256PublicKey publicKey() throws TrustException;

	/** ECDSA P-256 over the SHA-256 of {@code data} (the signer hashes), in the device's raw form. */
	EcdsaSignature sign(byte[] data) throws TrustException;

	/**
	 * The key {@code alias} of a key store a signing backend opened (software keystore, PKCS#11 token):
	 * its DER signatures are converted to the device's raw form.
	 */
	static EcdsaSigningKey inBackend(SigningKeys keys, String alias) {
		return new BackendSigningKey(keys, alias);
	}
}
