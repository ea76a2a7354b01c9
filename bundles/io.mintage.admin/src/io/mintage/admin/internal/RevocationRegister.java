package io.mintage.admin.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.mintage.core.command.CommandException;
import io.mintage.core.io.PrivateFiles;
import io.mintage.trust.RevocationList;

/**
 * The stations this authority revoked (serial number in hex, instant, reason, subject), one
 * tab-separated line each, and the number of the last revocation list exported: each list gets a
 * higher cRLNumber so a station can tell a newer list from an older one.
 */
final class RevocationRegister {

	private final Path file;
	private final Path numberFile;

	RevocationRegister(Path file, Path numberFile) {
		this.file = file;
		this.numberFile = numberFile;
	}

	List<RevocationList.Entry> entries() throws CommandException {
		List<String> lines;
		try {
			lines = PrivateFiles.readLinesIfExists(file);
		} catch (IOException e) {
			throw CommandException.failed("the revocation register " + file + " cannot be read: " + e.getMessage(), e);
		}
		List<RevocationList.Entry> entries = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			String[] fields = lines.get(i).split("\t", -1);
			try {
				entries.add(new RevocationList.Entry(new BigInteger(fields[0], 16), Instant.parse(fields[1]), fields[2]));
			} catch (RuntimeException e) {
				throw CommandException.failed("the revocation register " + file + " is damaged at line " + (i + 1));
			}
		}
		return entries;
	}

	Optional<RevocationList.Entry> entryFor(X509Certificate station) throws CommandException {
		return entries().stream().filter(entry -> entry.serialNumber().equals(station.getSerialNumber())).findFirst();
	}

	void add(X509Certificate station, Instant at, String reason) throws CommandException {
		String line = station.getSerialNumber().toString(16) + "\t" + at + "\t" + reason + "\t"
				+ station.getSubjectX500Principal().getName().replace('\t', ' ') + "\n";
		try {
			PrivateFiles.appendDurably(file, line.getBytes(StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw CommandException.failed("the revocation could not be recorded in " + file + ": " + e.getMessage(), e);
		}
	}

	/** The next cRLNumber, durably counted before the list is written. */
	BigInteger nextNumber() throws CommandException {
		try {
			BigInteger next = Files.exists(numberFile)
					? new BigInteger(Files.readString(numberFile, StandardCharsets.US_ASCII).strip()).add(BigInteger.ONE)
					: BigInteger.ONE;
			PrivateFiles.writeAtomically(numberFile, (next + "\n").getBytes(StandardCharsets.US_ASCII));
			return next;
		} catch (IOException | NumberFormatException e) {
			throw CommandException.failed("the revocation list number in " + numberFile + " cannot be read or written: "
					+ e.getMessage(), e);
		}
	}
}
