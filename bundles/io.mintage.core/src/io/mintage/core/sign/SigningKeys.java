package io.mintage.core.sign;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;

/**
 * The part of an open key store that signing code needs: named P-256 keys that sign with
 * SHA256withECDSA. Kept apart from {@link KeyStoreSession} so that what signs records and certificates
 * cannot create or delete keys, and so it is trivial to stand in for in tests.
 */
public interface SigningKeys {

	/** The {@link SigningBackend#TYPE} of the backend holding the keys, for messages. */
	String type();

	List<String> aliases() throws GeneralSecurityException;

	PublicKey publicKey(String alias) throws GeneralSecurityException;

	/** Signs {@code data} with SHA256withECDSA (the backend hashes); the result is DER-encoded. */
	byte[] sign(String alias, byte[] data) throws GeneralSecurityException;
}
