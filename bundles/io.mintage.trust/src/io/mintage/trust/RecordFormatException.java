package io.mintage.trust;

/**
 * Bytes are not a well-formed version 1 device record or batch certificate. The message names the
 * object, the byte offset and field as in docs/formats.md, and what was expected against what was found.
 */
public final class RecordFormatException extends TrustException {

	private static final long serialVersionUID = 1L;

	private final String object;
	private final int offset;
	private final String field;
	private final String problem;

	/**
	 * @param object  "device record" or "batch certificate"
	 * @param offset  byte offset of the field within {@code object}, or -1 for a problem of the whole object
	 * @param field   the field's name in docs/formats.md, or null with offset -1
	 * @param problem what is wrong, in plain words
	 */
	public RecordFormatException(String object, int offset, String field, String problem) {
		super(describe(object, offset, field, problem));
		this.object = object;
		this.offset = offset;
		this.field = field;
		this.problem = problem;
	}

	private static String describe(String object, int offset, String field, String problem) {
		return offset < 0 ? object + ": " + problem : object + ", offset " + offset + " (" + field + "): " + problem;
	}

	public String object() {
		return object;
	}

	/** Byte offset of the offending field, -1 when the whole object is wrong (its length). */
	public int offset() {
		return offset;
	}

	/** The field's name in docs/formats.md, null when the whole object is wrong. */
	public String field() {
		return field;
	}

	/** What is wrong, without object and place. */
	public String problem() {
		return problem;
	}
}
