package io.mintage.core.command;

/**
 * A command could not do what was asked. The message is shown to the user as it is, so it must be in
 * plain words and name what the user gave (file, address, option) and, where it helps, what to do.
 */
public final class CommandException extends Exception {

	private static final long serialVersionUID = 1L;

	/** Exit code for a command that failed on its input or its work. */
	public static final int FAILED = 1;

	/** Exit code for a command line that does not fit the command's usage. */
	public static final int USAGE = 2;

	private final int exitCode;

	private CommandException(String message, int exitCode, Throwable cause) {
		super(message, cause);
		this.exitCode = exitCode;
	}

	public static CommandException failed(String message) {
		return new CommandException(message, FAILED, null);
	}

	public static CommandException failed(String message, Throwable cause) {
		return new CommandException(message, FAILED, cause);
	}

	public static CommandException usage(String message) {
		return new CommandException(message, USAGE, null);
	}

	public int exitCode() {
		return exitCode;
	}
}
