package io.mintage.trust.internal;

import java.security.GeneralSecurityException;
import java.util.Objects;

import io.mintage.core.sign.SigningKeys;
import io.mintage.trust.EcdsaSignature;
import io.mintage.trust.EcdsaSigningKey;
import io.mintage.trust.P256PublicKey;
import io.mintage.trust.TrustException;

/** A key of an open key store ({@link SigningKeys}), named by its alias; the store signs DER SHA256withECDSA. */
public final class BackendSigningKey implements EcdsaSigningKey {

	private final SigningKeys backend;
	private final String alias;

	public BackendSigningKey(SigningKeys backend, String alias) {
		this.backend = Objects.requireNonNull(backend, "backend");
		this.alias = Objects.requireNonNull(alias, "alias");
	}

	@Override
	public P256PublicKey publicKey() throws TrustException {
		try {
			return P256PublicKey.fromJca(backend.publicKey(alias));
		} catch (GeneralSecurityException e) {
			throw new TrustException(describe() + ": cannot read the public key: " + e.getMessage(), e);
		}
	}

	@Override
	public EcdsaSignature sign(byte[] data) throws TrustException {
		byte[] der;
		try {
			der = backend.sign(alias, data);
		} catch (GeneralSecurityException e) {
			throw new TrustException(describe() + ": signing failed: " + e.getMessage(), e);
		}
		try {
			return EcdsaSignature.fromDer(der);
		} catch (TrustException e) {
			throw new TrustException(describe() + " returned an unusable signature: " + e.getMessage(), e);
		}
	}

	private String describe() {
		return "key '" + alias + "' of the " + backend.type() + " signing backend";
	}

	@Override
	public String toString() {
		return describe();
	}
}
