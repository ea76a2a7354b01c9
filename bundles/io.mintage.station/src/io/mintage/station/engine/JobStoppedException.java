package io.mintage.station.engine;

/** The job cannot go on — quota used up, expired, revoked, ledger unwritable — said in plain words. */
public final class JobStoppedException extends Exception {

	private static final long serialVersionUID = 1L;

	public JobStoppedException(String message) {
		super(message);
	}

	public JobStoppedException(String message, Throwable cause) {
		super(message, cause);
	}
}
