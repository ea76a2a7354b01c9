package io.mintage.core.command;

import java.io.PrintStream;
import java.nio.file.Path;

/** What a command may use of its surroundings; tests hand in their own streams and folder. */
public interface CommandContext {

	/** Standard output: results, machine-readable with {@code --json}. */
	PrintStream out();

	/** Standard error: warnings and the one-line error message. */
	PrintStream err();

	/** Folder relative paths on the command line are resolved against. */
	Path workingDirectory();

	default Path resolve(String path) {
		return workingDirectory().resolve(path);
	}
}
