package io.mintage.core.progress;

/** The user stopped an operation; whatever it had done up to a safe point stands. */
public final class OperationCancelledException extends Exception {

	private static final long serialVersionUID = 1L;

	public OperationCancelledException() {
		super("stopped by the operator");
	}
}
