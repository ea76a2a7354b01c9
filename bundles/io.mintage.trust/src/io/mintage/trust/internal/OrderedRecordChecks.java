package io.mintage.trust.internal;

import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.mintage.trust.CheckedEvent;
import io.mintage.trust.ReportEvent;

/**
 * Checks the records of a report's events on a few threads while the reader goes on, and hands the
 * events out in their order, each with its outcome. At most {@code window} events are between the
 * reader and the caller: when that many wait, the reader waits for the oldest. So memory stays the same
 * whatever the report's size, and a slow caller (a database) slows the reading rather than filling
 * memory. Events are handed out on the reader's thread.
 */
public final class OrderedRecordChecks implements AutoCloseable {

	private static final AtomicInteger POOLS = new AtomicInteger();

	private final ReportRecordChecker checker;
	private final ExecutorService pool;
	private final int window;
	private final Consumer<CheckedEvent> out;
	private final ArrayDeque<Future<CheckedEvent>> waiting = new ArrayDeque<>();

	public OrderedRecordChecks(ReportRecordChecker checker, int threads, int window, Consumer<CheckedEvent> out) {
		if (threads < 1 || window < 1) {
			throw new IllegalArgumentException("record checks need at least one thread and one place, not " + threads
					+ " and " + window);
		}
		this.checker = checker;
		this.window = window;
		this.out = out;
		this.pool = Executors.newFixedThreadPool(threads, new Named("report-records-" + POOLS.incrementAndGet()));
	}

	/**
	 * Queues the event (its record checked on the pool if it has one) and hands out what is ready;
	 * {@code checkpointFailure} is the reader's own finding on a checkpoint event.
	 */
	public void add(ReportEvent event, byte[] chainHash, Optional<String> checkpointFailure)
			throws InterruptedIOException {
		if (ReportRecordChecker.carriesRecord(event)) {
			waiting.add(pool.submit(() -> checker.check(event, chainHash)));
		} else {
			waiting.add(new Ready(new CheckedEvent(event, chainHash, Optional.empty(), Optional.empty(),
					checkpointFailure)));
		}
		while (!waiting.isEmpty() && (waiting.size() > window || waiting.peek().isDone())) {
			out.accept(take());
		}
	}

	/** Hands out every event still waiting, in order. */
	public void finish() throws InterruptedIOException {
		while (!waiting.isEmpty()) {
			out.accept(take());
		}
	}

	private CheckedEvent take() throws InterruptedIOException {
		Future<CheckedEvent> next = waiting.poll();
		try {
			return next.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("reading the report was interrupted");
		} catch (ExecutionException e) {
			// the checker turns every refusal into a failure; anything else is a bug and goes on up
			if (e.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (e.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(e.getCause());
		}
	}

	@Override
	public void close() {
		pool.shutdownNow();
		waiting.clear();
	}

	/** An event without a record: ready at once. */
	private record Ready(CheckedEvent event) implements Future<CheckedEvent> {

		@Override
		public boolean cancel(boolean mayInterrupt) {
			return false;
		}

		@Override
		public boolean isCancelled() {
			return false;
		}

		@Override
		public boolean isDone() {
			return true;
		}

		@Override
		public CheckedEvent get() {
			return event;
		}

		@Override
		public CheckedEvent get(long timeout, java.util.concurrent.TimeUnit unit) {
			return event;
		}
	}

	/** Daemon threads with names that say whose they are, in a thread dump. */
	private static final class Named implements ThreadFactory {

		private final String prefix;
		private final AtomicInteger count = new AtomicInteger();

		Named(String prefix) {
			this.prefix = prefix;
		}

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}
	}
}
