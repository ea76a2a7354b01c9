package io.mintage.station.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mintage.core.DeviceUid;
import io.mintage.core.command.CommandException;
import io.mintage.core.io.PrivateFiles;

/**
 * The records one accepted job signed: chip UID, serial, the 304 record bytes and when, one
 * tab-separated line each, appended and forced to disk before the record is handed out, so a signed
 * record always has its entry and a UID signed once gets the same record again without using quota.
 * Writers hold an exclusive lock on a side file, so two processes never take the same serial. (The
 * production ledger of the station engine takes this over with its hash chain.)
 */
final class RecordJournal {

	record Entry(DeviceUid uid, long serial, byte[] record, Instant signedAt) {
	}

	private final Path file;

	RecordJournal(Path file) {
		this.file = file;
	}

	Path file() {
		return file;
	}

	/** Entries by UID, in the order they were signed. */
	Map<DeviceUid, Entry> entries() throws CommandException {
		List<String> lines;
		try {
			lines = PrivateFiles.readLinesIfExists(file);
		} catch (IOException e) {
			throw CommandException.failed("the record journal " + file + " cannot be read: " + e.getMessage(), e);
		}
		Map<DeviceUid, Entry> entries = new LinkedHashMap<>();
		HexFormat hex = HexFormat.of();
		for (int i = 0; i < lines.size(); i++) {
			String[] fields = lines.get(i).split("\t", -1);
			try {
				Entry entry = new Entry(DeviceUid.parse(fields[0]), Long.parseLong(fields[1]), hex.parseHex(fields[2]),
						Instant.parse(fields[3]));
				if (entries.putIfAbsent(entry.uid(), entry) != null) {
					throw new IllegalStateException("UID twice");
				}
			} catch (RuntimeException e) {
				// a torn last line is impossible (each line is forced before it counts), so this is damage
				throw CommandException.failed("the record journal " + file + " is damaged at line " + (i + 1)
						+ "; no record is signed for this job until it is repaired");
			}
		}
		return entries;
	}

	void append(Entry entry) throws CommandException {
		String line = HexFormat.of().formatHex(entry.uid().bytes()) + "\t" + entry.serial() + "\t"
				+ HexFormat.of().formatHex(entry.record()) + "\t" + entry.signedAt() + "\n";
		try {
			PrivateFiles.appendDurably(file, line.getBytes(StandardCharsets.US_ASCII));
		} catch (IOException e) {
			throw CommandException.failed("the record for " + entry.uid() + " could not be written to the journal "
					+ file + " (" + e.getMessage() + "); it was not handed out", e);
		}
	}

	/** The journal's lock, held until closed. */
	interface Held extends AutoCloseable {
		@Override
		void close() throws CommandException;
	}

	/** Takes the journal's lock; every read-decide-append runs under it. */
	Held lock() throws CommandException {
		Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
		try {
			PrivateFiles.createFolders(lockFile.getParent());
			if (!Files.exists(lockFile)) {
				PrivateFiles.writeAtomically(lockFile, new byte[0]);
			}
			FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
			FileLock lock = channel.lock();
			return () -> {
				try {
					lock.release();
					channel.close();
				} catch (IOException e) {
					throw CommandException.failed("the lock of the record journal " + file + " could not be released: "
							+ e.getMessage(), e);
				}
			};
		} catch (IOException e) {
			throw CommandException.failed("the record journal " + file + " cannot be locked: " + e.getMessage(), e);
		}
	}
}
