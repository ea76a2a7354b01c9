package io.mintage.admin;

/**
 * An admin operation could not be done. The message is shown to people as it is: plain words naming
 * the station, product, quota or file concerned and, where it helps, what to do.
 */
public final class AdminException extends Exception {

	private static final long serialVersionUID = 1L;

	public AdminException(String message) {
		super(message);
	}

	public AdminException(String message, Throwable cause) {
		super(message, cause);
	}
}
