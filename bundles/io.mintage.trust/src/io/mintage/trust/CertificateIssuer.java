package io.mintage.trust;

import java.util.Objects;

import io.mintage.trust.internal.P256;

/** The authority's side: signs batch certificates with the authority key. */
public final class CertificateIssuer {

	private final EcdsaSigningKey authorityKey;

	public CertificateIssuer(EcdsaSigningKey authorityKey) {
		this.authorityKey = Objects.requireNonNull(authorityKey, "authorityKey");
	}

	/**
	 * Signs {@code content}, then checks the signature with the authority's public key: a backend that
	 * signs with another key than the one it names would otherwise hand out certificates every device
	 * refuses.
	 */
	public BatchCertificate issue(BatchCertificate.Content content) throws TrustException {
		byte[] signed = content.signedBytes();
		EcdsaSignature signature = authorityKey.sign(signed);
		if (!P256.verify(authorityKey.publicKey(), signed, signature)) {
			throw new TrustException("the authority " + authorityKey
					+ " made a signature its own public key does not verify; no certificate was issued");
		}
		return new BatchCertificate(content, signature);
	}
}
