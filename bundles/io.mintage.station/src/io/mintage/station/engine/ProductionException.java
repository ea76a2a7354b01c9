package io.mintage.station.engine;

/** A run cannot be opened or a report written, said in plain words for the operator. */
public final class ProductionException extends Exception {

	private static final long serialVersionUID = 1L;

	public ProductionException(String message) {
		super(message);
	}

	public ProductionException(String message, Throwable cause) {
		super(message, cause);
	}
}
