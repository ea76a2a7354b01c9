package io.mintage.core.image;

/**
 * Where a piece of an image came from: a line of a text format or a byte offset of a binary one.
 * Used to name both places when two segments disagree.
 */
public record SourceLocation(Kind kind, long value) {

	public enum Kind {
		LINE, OFFSET
	}

	public static SourceLocation line(long lineNumber) {
		return new SourceLocation(Kind.LINE, lineNumber);
	}

	public static SourceLocation offset(long byteOffset) {
		return new SourceLocation(Kind.OFFSET, byteOffset);
	}

	@Override
	public String toString() {
		return kind == Kind.LINE ? "line " + value : String.format("offset 0x%X", value);
	}
}
