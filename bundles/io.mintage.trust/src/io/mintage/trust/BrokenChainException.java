package io.mintage.trust;

/**
 * A production report refused because its events do not form the hash chain they state: the sequence
 * numbers are not consecutive, or an event's chain hash is not the SHA-256 of the one before and the
 * event. Apart from other refusals (signature, certificate, encoding) so that an importer can name the
 * check that failed.
 */
public final class BrokenChainException extends TrustException {

	private static final long serialVersionUID = 1L;

	private final long sequence;

	public BrokenChainException(String message, long sequence) {
		super(message);
		this.sequence = sequence;
	}

	/** The sequence number of the event where the chain breaks. */
	public long sequence() {
		return sequence;
	}
}
