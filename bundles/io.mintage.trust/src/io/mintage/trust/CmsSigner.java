package io.mintage.trust;

import java.security.cert.X509Certificate;
import java.util.Objects;

import io.mintage.core.sign.SigningKeys;

/**
 * A key in a signing backend with its certificate, the signer of a CMS object: the authority (quota
 * keys, job packages) or a station (production reports). The private key stays in the backend.
 */
public record CmsSigner(SigningKeys keys, String alias, X509Certificate certificate) {

	public CmsSigner {
		Objects.requireNonNull(keys, "keys");
		Objects.requireNonNull(alias, "alias");
		Objects.requireNonNull(certificate, "certificate");
	}

	/** Names the key and the certificate, nothing secret. */
	@Override
	public String toString() {
		return "key '" + alias + "' of the " + keys.type() + " signing backend with the certificate "
				+ certificate.getSubjectX500Principal().getName();
	}
}
