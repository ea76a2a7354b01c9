package io.mintage.trust;

/**
 * A trust object could not be read, made or accepted. The message is meant for a person: it says what
 * is wrong in plain words and never contains key material.
 */
public class TrustException extends Exception {

	private static final long serialVersionUID = 1L;

	public TrustException(String message) {
		super(message);
	}

	public TrustException(String message, Throwable cause) {
		super(message, cause);
	}
}
