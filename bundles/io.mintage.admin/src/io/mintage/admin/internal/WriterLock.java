package io.mintage.admin.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.mintage.admin.AdminException;

/**
 * One writer at a time on an admin database: across processes an exclusive lock on
 * {@code admin.db.lock} (0600, left in place), within this JVM a lock per file first (Java's file locks
 * belong to the whole JVM, so two threads cannot tell each other apart through them). Taken for each
 * write (an issue, an enrolment) and released after it, so an admin window that stays open never keeps
 * the commands out; a second writer waits for the first, at most {@link #PATIENCE}. SQLite's own lock
 * would order the transactions too, but an issuer holds this one from reading the ranges of a product
 * through signing the quota key to recording it.
 */
final class WriterLock implements AutoCloseable {

	/** How long a writer waits for another before it gives up, in plain words. */
	static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

	private final ReentrantLock inProcess;
	private final FileChannel channel;
	private final FileLock lock;

	private WriterLock(ReentrantLock inProcess, FileChannel channel, FileLock lock) {
		this.inProcess = inProcess;
		this.channel = channel;
		this.lock = lock;
	}

	static Path lockFileOf(Path database) {
		return database.resolveSibling(database.getFileName() + ".lock");
	}

	static WriterLock take(Path database) throws AdminException {
		Path key = database.toAbsolutePath().normalize();
		ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(key, path -> new ReentrantLock());
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		try {
			if (!inProcess.tryLock(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
				throw busy(database);
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AdminException("waiting to write the admin database " + database + " was interrupted", e);
		}
		FileChannel channel = null;
		try {
			Path lockFile = lockFileOf(key);
			channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			while (true) {
				FileLock lock = channel.tryLock();
				if (lock != null) {
					return new WriterLock(inProcess, channel, lock);
				}
				if (System.nanoTime() > deadline) {
					throw busy(database);
				}
				// another process writes: its writes are short (one issue, one enrolment); look again soon
				Thread.sleep(20);
			}
		} catch (IOException e) {
			release(inProcess, channel);
			throw new AdminException("the admin database " + database + " cannot be locked for writing: "
					+ e.getMessage(), e);
		} catch (InterruptedException e) {
			release(inProcess, channel);
			Thread.currentThread().interrupt();
			throw new AdminException("waiting to write the admin database " + database + " was interrupted", e);
		} catch (AdminException | RuntimeException e) {
			release(inProcess, channel);
			throw e;
		}
	}

	private static AdminException busy(Path database) {
		return new AdminException("the admin database " + database + " is being written by another Mintage Admin"
				+ " for more than " + PATIENCE.toSeconds() + " s; try again when it is done");
	}

	@Override
	public void close() {
		try {
			lock.release();
		} catch (IOException e) {
			// closing the channel below releases it as well
		} finally {
			release(inProcess, channel);
		}
	}

	private static void release(ReentrantLock inProcess, FileChannel channel) {
		try {
			if (channel != null) {
				channel.close();
			}
		} catch (IOException e) {
			// the operating system drops the lock with the channel in any case
		} finally {
			inProcess.unlock();
		}
	}
}
