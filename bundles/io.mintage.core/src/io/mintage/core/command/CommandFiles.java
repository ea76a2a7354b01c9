package io.mintage.core.command;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.mintage.core.io.PrivateFiles;

/**
 * Reading the files a user names and writing the files a command makes, with the plain-words errors
 * commands owe their users. Everything is written private (0600) and atomically: a job file or a
 * certificate is either whole or not there.
 */
public final class CommandFiles {

	/** Larger inputs are refused before reading: no Mintage file comes near this. */
	public static final long MAX_INPUT = 64L * 1024 * 1024;

	private CommandFiles() {
	}

	/**
	 * A name typed by a person ("Acme Line 3") as a file name for a default output: letters, digits,
	 * dot, dash and underscore kept, runs of anything else one dash, no leading dot or dash.
	 */
	public static String fileNameFor(String name, String fallback) {
		String file = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[.-]+", "");
		return file.isEmpty() ? fallback : file;
	}

	/** Reads {@code file}, described to the user as {@code what} (e.g. "the job package"). */
	public static byte[] read(Path file, String what) throws CommandException {
		try {
			if (Files.isDirectory(file)) {
				throw CommandException.failed(what + " " + file + " is a folder, not a file");
			}
			if (Files.size(file) > MAX_INPUT) {
				throw CommandException.failed(what + " " + file + " is larger than " + MAX_INPUT / (1024 * 1024)
						+ " MiB; it cannot be a Mintage file");
			}
			return Files.readAllBytes(file);
		} catch (NoSuchFileException e) {
			throw CommandException.failed(what + " " + file + " does not exist");
		} catch (AccessDeniedException e) {
			throw CommandException.failed(what + " " + file + " cannot be read: permission denied");
		} catch (IOException e) {
			throw CommandException.failed(what + " " + file + " cannot be read: " + e.getMessage(), e);
		}
	}

	/** Writes {@code content} to {@code file} (mode 0600, atomically), described as {@code what}. */
	public static void write(Path file, byte[] content, String what) throws CommandException {
		try {
			PrivateFiles.writeAtomically(file, content);
		} catch (IOException e) {
			throw CommandException.failed(what + " could not be written to " + file + ": " + e.getMessage(), e);
		}
	}
}
