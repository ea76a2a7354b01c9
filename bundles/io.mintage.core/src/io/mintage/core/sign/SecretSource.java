package io.mintage.core.sign;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a passphrase or PIN comes from: an environment variable or a private file. There is
 * deliberately no way to give the secret itself, because a value on the command line is visible to
 * every user in the process list. {@link #toString()} names the source, never the secret.
 */
public final class SecretSource {

	private static final Set<PosixFilePermission> OTHERS_MAY_ACCESS = EnumSet.of(PosixFilePermission.GROUP_READ,
			PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

	private final String variable;
	private final Path file;

	private SecretSource(String variable, Path file) {
		this.variable = variable;
		this.file = file;
	}

	/** The secret is the value of the environment variable {@code name}. */
	public static SecretSource fromEnvironment(String name) {
		if (Objects.requireNonNull(name, "name").isBlank()) {
			throw new IllegalArgumentException("the name of the environment variable is empty");
		}
		return new SecretSource(name, null);
	}

	/**
	 * The secret is the content of {@code file} (UTF-8, one trailing line break ignored). The file must
	 * not be readable or writable by group or others: readable would leak it, writable would let another
	 * user choose the passphrase of a new keystore.
	 */
	public static SecretSource fromFile(Path file) {
		return new SecretSource(null, file.toAbsolutePath().normalize());
	}

	/**
	 * Reads the secret. The caller owns the array and must clear it ({@code Arrays.fill(secret, '\0')})
	 * when done.
	 */
	public char[] read() throws SigningException {
		return variable != null ? readEnvironment() : readFile();
	}

	private char[] readEnvironment() throws SigningException {
		// a String from System.getenv cannot be cleared; the environment holds it anyway
		String value = System.getenv(variable);
		if (value == null || value.isEmpty()) {
			throw new SigningException("the environment variable " + variable + " that should hold the secret is "
					+ (value == null ? "not set" : "empty"));
		}
		return value.toCharArray();
	}

	private char[] readFile() throws SigningException {
		checkPrivate();
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		} catch (NoSuchFileException e) {
			throw new SigningException("the secret file " + file + " does not exist");
		} catch (IOException e) {
			throw new SigningException("the secret file " + file + " could not be read: " + e.getMessage());
		}
		CharBuffer chars = null;
		try {
			chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
			int length = chars.remaining();
			if (length > 0 && chars.get(length - 1) == '\n') {
				length--;
				if (length > 0 && chars.get(length - 1) == '\r') {
					length--;
				}
			}
			if (length == 0) {
				throw new SigningException("the secret file " + file + " is empty");
			}
			char[] secret = new char[length];
			chars.get(secret, 0, length);
			return secret;
		} catch (CharacterCodingException e) {
			throw new SigningException("the secret file " + file + " is not UTF-8 text");
		} finally {
			Arrays.fill(bytes, (byte) 0);
			if (chars != null && chars.hasArray()) {
				Arrays.fill(chars.array(), '\0');
			}
		}
	}

	private void checkPrivate() throws SigningException {
		Set<PosixFilePermission> permissions;
		try {
			permissions = Files.getPosixFilePermissions(file);
		} catch (NoSuchFileException e) {
			throw new SigningException("the secret file " + file + " does not exist");
		} catch (UnsupportedOperationException e) {
			return; // not a POSIX file system (Windows): access is governed by ACLs there
		} catch (IOException e) {
			throw new SigningException("the secret file " + file + " could not be read: " + e.getMessage());
		}
		Set<PosixFilePermission> shared = EnumSet.noneOf(PosixFilePermission.class);
		shared.addAll(permissions);
		shared.retainAll(OTHERS_MAY_ACCESS);
		if (!shared.isEmpty()) {
			throw new SigningException("the secret file " + file + " is accessible to other users ("
					+ PosixFilePermissions.toString(permissions) + "); make it private with: chmod 600 " + file);
		}
	}

	/** The environment variable that holds the secret, if that is the source. */
	public Optional<String> environmentVariable() {
		return Optional.ofNullable(variable);
	}

	/** The private file that holds the secret, if that is the source. */
	public Optional<Path> file() {
		return Optional.ofNullable(file);
	}

	/** Where the secret comes from, never the secret. */
	@Override
	public String toString() {
		return variable != null ? "environment variable " + variable : "file " + file;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SecretSource source && Objects.equals(variable, source.variable)
				&& Objects.equals(file, source.file);
	}

	@Override
	public int hashCode() {
		return Objects.hash(variable, file);
	}
}
