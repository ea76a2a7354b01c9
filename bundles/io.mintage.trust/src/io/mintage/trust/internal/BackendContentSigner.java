package io.mintage.trust.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Objects;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.RuntimeOperatorException;

import io.mintage.core.sign.SigningKeys;

/**
 * A BouncyCastle {@link ContentSigner} whose private key stays in its signing backend: the bytes to be
 * signed are collected and handed to {@link SigningKeys#sign}, which returns SHA256withECDSA in DER, the
 * form X.509 and PKCS#10 carry. The algorithm is ecdsa-with-SHA256 (1.2.840.10045.4.3.2) without
 * parameters, as RFC 5758 requires. One signer signs one object.
 */
public final class BackendContentSigner implements ContentSigner {

	private static final AlgorithmIdentifier ECDSA_WITH_SHA256 = new AlgorithmIdentifier(
			X9ObjectIdentifiers.ecdsa_with_SHA256);

	private final SigningKeys keys;
	private final String alias;
	private final ByteArrayOutputStream data = new ByteArrayOutputStream();

	public BackendContentSigner(SigningKeys keys, String alias) {
		this.keys = Objects.requireNonNull(keys, "keys");
		this.alias = Objects.requireNonNull(alias, "alias");
	}

	@Override
	public AlgorithmIdentifier getAlgorithmIdentifier() {
		return ECDSA_WITH_SHA256;
	}

	@Override
	public OutputStream getOutputStream() {
		return data;
	}

	/**
	 * @throws RuntimeOperatorException with the backend's {@link GeneralSecurityException} as its cause
	 *                                  (the interface allows no checked exception); callers unwrap it
	 */
	@Override
	public byte[] getSignature() {
		try {
			return keys.sign(alias, data.toByteArray());
		} catch (GeneralSecurityException e) {
			throw new RuntimeOperatorException(describe() + ": signing failed: " + e.getMessage(), e);
		}
	}

	public String describe() {
		return "key '" + alias + "' of the " + keys.type() + " signing backend";
	}
}
