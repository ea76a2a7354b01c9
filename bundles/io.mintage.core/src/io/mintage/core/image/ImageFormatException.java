package io.mintage.core.image;

import java.util.Optional;

/**
 * A firmware file could not be read. The message is meant for a person: it names the file, the line
 * (text formats) or byte offset (binary formats) and what is wrong there.
 */
public final class ImageFormatException extends Exception {

	private static final long serialVersionUID = 1L;

	private final String file;
	private final SourceLocation location;
	private final String problem;

	public ImageFormatException(String file, SourceLocation location, String problem) {
		super(describe(file, location, problem));
		this.file = file;
		this.location = location;
		this.problem = problem;
	}

	private static String describe(String file, SourceLocation location, String problem) {
		return location == null ? file + ": " + problem : file + ", " + location + ": " + problem;
	}

	/** Name of the file as the user gave it. */
	public String file() {
		return file;
	}

	/** Where in the file, when the problem has a place. */
	public Optional<SourceLocation> location() {
		return Optional.ofNullable(location);
	}

	/** What is wrong, without file and place. */
	public String problem() {
		return problem;
	}
}
