package io.mintage.mcu;

/**
 * A descriptor that cannot be used, naming the file, the line (when known), the field as a path such
 * as {@code variants[2].sectors.runs[1].size}, and the reason in plain words. Unchecked because it is
 * thrown where a family component is built: a family with a broken descriptor must not exist at all.
 */
public final class McuDescriptorException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String file;
	private final int line;
	private final String field;
	private final String reason;

	public McuDescriptorException(String file, int line, String field, String reason) {
		super(file + (line > 0 ? ", line " + line : "") + (field.isEmpty() ? "" : ", field " + field) + ": " + reason);
		this.file = file;
		this.line = line;
		this.field = field;
		this.reason = reason;
	}

	public String file() {
		return file;
	}

	/** 1-based, 0 when the value was not read from text. */
	public int line() {
		return line;
	}

	/** Path of the field, e.g. {@code variants[0].writeGranularity}; empty for the document as a whole. */
	public String field() {
		return field;
	}

	public String reason() {
		return reason;
	}
}
