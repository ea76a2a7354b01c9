package io.mintage.serial;

import java.io.IOException;
import java.util.function.Supplier;

import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;

/**
 * Bounded retries of one protocol step, the same for every probe: a step that fails with an
 * {@link IOException} is resynchronised and tried again up to {@code attempts} times in all; the
 * last failure is thrown with the number of attempts in its message. A {@link Refusal} is thrown at
 * once: trying again cannot change it. Cancellation is checked between attempts, never inside a step.
 */
public final class Retry {

	/** One attempt of the step. */
	public interface Step<T> {
		T run() throws IOException;
	}

	/** What brings the line back to a known state before the next attempt (flush, resync). */
	public interface Recovery {
		void recover(IOException failure) throws IOException;
	}

	private final int attempts;

	public Retry(int attempts) {
		if (attempts < 1) {
			throw new IllegalArgumentException("at least one attempt, not " + attempts);
		}
		this.attempts = attempts;
	}

	public <T> T run(String what, Step<T> step, Recovery recovery, ProgressMonitor monitor)
			throws IOException, OperationCancelledException {
		return run(() -> what, step, recovery, monitor);
	}

	/**
	 * As {@link #run(String, Step, Recovery, ProgressMonitor)}, with the step's name built only when it
	 * fails: a probe runs a step per block, a few thousand per image, and formatting a name nobody reads
	 * between two exchanges is host time the chip waits for.
	 */
	public <T> T run(Supplier<String> what, Step<T> step, Recovery recovery, ProgressMonitor monitor)
			throws IOException, OperationCancelledException {
		IOException last = null;
		for (int attempt = 1; attempt <= attempts; attempt++) {
			monitor.checkCancelled();
			try {
				return step.run();
			} catch (Refusal e) {
				throw e;
			} catch (IOException e) {
				last = e;
				if (attempt < attempts) {
					recovery.recover(e);
				}
			}
		}
		throw new IOException(what.get() + (attempts == 1 ? " failed: " : " failed " + attempts + " times; the last time: ")
				+ last.getMessage(), last);
	}
}
