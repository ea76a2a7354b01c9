package io.mintage.core.sign;

import java.security.GeneralSecurityException;

/**
 * A key store could not be opened or a key could not be used. The message is for a person: it names
 * what the user gave (file, module, token label, alias) and the reason, and never contains a passphrase,
 * PIN or key material.
 */
public final class SigningException extends GeneralSecurityException {

	private static final long serialVersionUID = 1L;

	public SigningException(String message) {
		super(message);
	}

	public SigningException(String message, Throwable cause) {
		super(message, cause);
	}
}
