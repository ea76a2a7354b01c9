package io.mintage.core.progress;

/**
 * Progress and cancellation for long device and file work. Deliberately smaller than Eclipse's
 * IProgressMonitor so that plug-ins and headless commands need no workbench; the UI adapts it to
 * Eclipse Jobs.
 */
public interface ProgressMonitor {

	/** A monitor that reports nowhere and is never cancelled. */
	ProgressMonitor NONE = new ProgressMonitor() {
		@Override
		public void begin(String task, long totalWork) {
		}

		@Override
		public void worked(long work) {
		}

		@Override
		public boolean isCancelled() {
			return false;
		}
	};

	/** Starts a task of {@code totalWork} units (bytes, pages, steps). */
	void begin(String task, long totalWork);

	/** Reports {@code work} more units done. */
	void worked(long work);

	boolean isCancelled();

	/**
	 * Throws {@link OperationCancelledException} when the user asked to stop; long loops call this
	 * between units so a cancel takes effect at a safe point.
	 */
	default void checkCancelled() throws OperationCancelledException {
		if (isCancelled()) {
			throw new OperationCancelledException();
		}
	}
}
