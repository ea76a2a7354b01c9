package io.mintage.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Writes key files so that no other user can read them at any moment and a crash never leaves half a
 * file: the content goes to a temporary file created with mode 0600 in the same folder, is forced to
 * disk, and replaces the target by an atomic rename. A missing folder is created with mode 0700.
 * Keystores, certificates a product keeps, accepted jobs and their journals all go through here.
 */
public final class PrivateFiles {

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	/** Writes the content to a stream the caller fills. */
	public interface Content {
		void writeTo(OutputStream out) throws IOException;
	}

	private PrivateFiles() {
	}

	public static void writeAtomically(Path target, byte[] content) throws IOException {
		writeAtomically(target, out -> out.write(content));
	}

	/** Creates the folder and any missing parents with mode 0700; an existing folder is left as it is. */
	public static Path createFolders(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			Files.createDirectories(folder, privateAttributes("rwx------"));
		}
		return folder;
	}

	/**
	 * Appends to a journal file (created 0600) and forces it to disk before returning, so what a
	 * command reports as done survives a crash or power loss right after.
	 */
	public static void appendDurably(Path file, byte[] content) throws IOException {
		createFolders(file.toAbsolutePath().getParent());
		if (!Files.exists(file)) {
			try {
				Files.createFile(file, privateAttributes("rw-------"));
			} catch (java.nio.file.FileAlreadyExistsException e) {
				// another writer made it a moment ago: append to it
			}
		}
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
			java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
	}

	/** The file's lines (UTF-8), none when the file does not exist yet: a register or journal not started. */
	public static List<String> readLinesIfExists(Path file) throws IOException {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		} catch (NoSuchFileException e) {
			return List.of();
		}
	}

	public static void writeAtomically(Path target, Content content) throws IOException {
		Path folder = target.toAbsolutePath().getParent();
		createFolders(folder);
		Path temporary = Files.createTempFile(folder, "." + target.getFileName() + "-", ".tmp",
				privateAttributes("rw-------"));
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				OutputStream out = Channels.newOutputStream(channel);
				content.writeTo(out);
				out.flush();
				channel.force(true);
			}
			try {
				Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			} catch (AtomicMoveNotSupportedException e) {
				// same folder, so this only happens on exotic file systems; still never a partly written target
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
			}
			forceFolder(folder);
		} finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** Makes the rename itself durable; not every platform can open a folder for that. */
	private static void forceFolder(Path folder) {
		try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
			channel.force(true);
		} catch (IOException e) {
			// the file's content is on disk already; only the rename may be lost by a crash right now
		}
	}

	private static FileAttribute<?>[] privateAttributes(String permissions) {
		if (!POSIX) {
			return new FileAttribute<?>[0];
		}
		Set<java.nio.file.attribute.PosixFilePermission> set = PosixFilePermissions.fromString(permissions);
		return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(set) };
	}
}
