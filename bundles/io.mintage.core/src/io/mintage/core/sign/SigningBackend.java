package io.mintage.core.sign;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;

/**
 * Where private keys live and sign: an encrypted software keystore, a PKCS#11 token, later an online
 * authority. ECDSA P-256 with SHA-256 throughout, because every HSM, smart card and secure element
 * does it. Keys never leave a backend; callers name them by alias. Found as an OSGi service by
 * {@link #TYPE}.
 */
public interface SigningBackend {

	/** Service property and persisted identifier, e.g. {@code soft}, {@code pkcs11}. */
	String TYPE = "mintage.signing.backend";

	String type();

	List<String> aliases() throws GeneralSecurityException;

	PublicKey publicKey(String alias) throws GeneralSecurityException;

	/** Signs {@code data} with SHA256withECDSA; the result is the DER-encoded signature. */
	byte[] sign(String alias, byte[] data) throws GeneralSecurityException;
}
