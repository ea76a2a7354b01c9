package io.mintage.core.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/** What a command may use of its surroundings; tests hand in their own streams and folders. */
public interface CommandContext {

	/** Standard output: results, machine-readable with {@code --json}. */
	PrintStream out();

	/** Standard error: warnings and the one-line error message. */
	PrintStream err();

	/** Folder relative paths on the command line are resolved against. */
	Path workingDirectory();

	/**
	 * The product's private state folder ({@code $MINTAGE_HOME/station} or {@code …/admin}, by default
	 * under {@code ~/.mintage}): key store settings, certificates, accepted jobs. Commands create what
	 * they need below it, private to the user.
	 */
	Path stateDirectory();

	default Path resolve(String path) {
		return workingDirectory().resolve(path);
	}

	/** A context of fixed streams and folders. */
	static CommandContext of(PrintStream out, PrintStream err, Path workingDirectory, Path stateDirectory) {
		return new Fixed(out, err, workingDirectory, stateDirectory);
	}

	/** The plain implementation behind {@link #of}. */
	record Fixed(PrintStream out, PrintStream err, Path workingDirectory, Path stateDirectory)
			implements CommandContext {

		public Fixed {
			Objects.requireNonNull(out, "out");
			Objects.requireNonNull(err, "err");
			Objects.requireNonNull(workingDirectory, "workingDirectory");
			Objects.requireNonNull(stateDirectory, "stateDirectory");
		}
	}
}
