package io.mintage.mcu.json;

/** Text that is not in the strict JSON subset; names the line, column and the field being read. */
public final class JsonSyntaxException extends Exception {

	private static final long serialVersionUID = 1L;

	private final int line;
	private final int column;
	private final String path;
	private final String reason;

	JsonSyntaxException(int line, int column, String path, String reason) {
		super("line " + line + ", column " + column + (path.isEmpty() ? "" : ", in " + path) + ": " + reason);
		this.line = line;
		this.column = column;
		this.path = path;
		this.reason = reason;
	}

	public int line() {
		return line;
	}

	public int column() {
		return column;
	}

	/** Where in the document the error is, e.g. {@code variants[2].flash}; empty at the top. */
	public String path() {
		return path;
	}

	public String reason() {
		return reason;
	}
}
