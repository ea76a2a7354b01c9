package io.mintage.ledger;

/**
 * The ledger could not do what was asked. The message is in plain words for the operator and names the
 * ledger file and, where there is one, the event's sequence number.
 */
public class LedgerException extends Exception {

	private static final long serialVersionUID = 1L;

	public LedgerException(String message) {
		super(message);
	}

	public LedgerException(String message, Throwable cause) {
		super(message, cause);
	}
}
