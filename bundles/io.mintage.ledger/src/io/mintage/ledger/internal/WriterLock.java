package io.mintage.ledger.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import io.mintage.ledger.LedgerException;

/**
 * The one-writer rule across processes: an exclusive lock on {@code <ledger file>.lock}, held while the
 * ledger is open for writing. SQLite alone would let two station processes interleave their
 * transactions, each with its own idea of the quota used and the chain's last hash. The operating system
 * releases the lock when the process dies, so a killed station never leaves the ledger locked. The lock
 * file is left in place: deleting it would let a third process lock a new file while the second holds
 * the old one.
 */
public final class WriterLock implements AutoCloseable {

	private final FileChannel channel;
	private final FileLock lock;

	private WriterLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	public static Path lockFileOf(Path ledgerFile) {
		return ledgerFile.resolveSibling(ledgerFile.getFileName() + ".lock");
	}

	/** Takes the lock without waiting; another holder is refused in plain words. */
	public static WriterLock take(Path ledgerFile) throws LedgerException {
		Path lockFile = lockFileOf(ledgerFile);
		FileChannel channel;
		try {
			channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		} catch (IOException e) {
			throw new LedgerException("the ledger " + ledgerFile + " cannot be locked for writing: the lock file "
					+ lockFile + " cannot be opened (" + e.getMessage() + ")", e);
		}
		try {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				throw new LedgerException("the ledger " + ledgerFile + " is in use by another station process");
			}
			return new WriterLock(channel, lock);
		} catch (OverlappingFileLockException e) {
			closeQuietly(channel);
			throw new LedgerException("the ledger " + ledgerFile + " is open for writing in this station already", e);
		} catch (IOException e) {
			closeQuietly(channel);
			throw new LedgerException("the ledger " + ledgerFile + " cannot be locked for writing: " + e.getMessage(), e);
		} catch (LedgerException e) {
			closeQuietly(channel);
			throw e;
		}
	}

	@Override
	public void close() throws IOException {
		try {
			lock.release();
		} finally {
			channel.close();
		}
	}

	private static void closeQuietly(FileChannel channel) {
		try {
			channel.close();
		} catch (IOException e) {
			// nothing was locked through it; the refusal the caller gets is what matters
		}
	}
}
