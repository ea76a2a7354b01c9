package io.mintage.image.internal;

import java.util.Iterator;
import java.util.NoSuchElementException;

import io.mintage.core.image.ImageFormatException;
import io.mintage.core.image.SourceLocation;

/**
 * One line of a text firmware file: bytes [start, end) of the content, line ending and trailing
 * blanks removed. The formats are plain ASCII, so the bytes are parsed as they are, with no charset.
 */
final class TextLine {

	private final String fileName;
	private final byte[] content;
	private final int number;
	private final int start;
	private final int end;

	private TextLine(String fileName, byte[] content, int number, int start, int end) {
		this.fileName = fileName;
		this.content = content;
		this.number = number;
		this.start = start;
		this.end = end;
	}

	/**
	 * The lines of a file, split at LF; a CR before it (CRLF files) goes with the trailing blanks. Made
	 * one at a time, as a file of nothing but line endings would otherwise mean millions of objects.
	 */
	static Iterable<TextLine> lines(String fileName, byte[] content) {
		return () -> new Iterator<>() {
			private int lineStart;
			private int number = 1;

			@Override
			public boolean hasNext() {
				return lineStart < content.length;
			}

			@Override
			public TextLine next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				int lineEnd = lineStart;
				while (lineEnd < content.length && content[lineEnd] != '\n') {
					lineEnd++;
				}
				int next = lineEnd + 1;
				while (lineEnd > lineStart && isBlank(content[lineEnd - 1])) {
					lineEnd--;
				}
				TextLine line = new TextLine(fileName, content, number++, lineStart, lineEnd);
				lineStart = next;
				return line;
			}
		};
	}

	private static boolean isBlank(byte b) {
		return b == ' ' || b == '\t' || b == '\r';
	}

	/** 1-based line number. */
	int number() {
		return number;
	}

	/** Length without line ending and trailing blanks. */
	int length() {
		return end - start;
	}

	boolean isBlank() {
		for (int i = start; i < end; i++) {
			if (!isBlank(content[i])) {
				return false;
			}
		}
		return true;
	}

	/** Byte at a 0-based column, 0..255. */
	int at(int column) {
		return content[start + column] & 0xFF;
	}

	/** An error at this line. */
	ImageFormatException problem(String problem) {
		return new ImageFormatException(fileName, SourceLocation.line(number), problem);
	}

	/** Where this line is, for the image builder to name in a contradiction. */
	SourceLocation location() {
		return SourceLocation.line(number);
	}

	/**
	 * Decodes the hex digits from a 0-based column to the end of the line.
	 *
	 * @throws ImageFormatException naming the first character that is not a hex digit, or an odd digit count
	 */
	byte[] hexBytesFrom(int column) throws ImageFormatException {
		for (int i = column; i < length(); i++) {
			if (hexValue(at(i)) < 0) {
				throw problem(describe(at(i)) + " at column " + (i + 1) + " is not a hex digit");
			}
		}
		int digits = length() - column;
		if (digits % 2 != 0) {
			throw problem("the record has an odd number of hex digits (" + digits + "), so a byte is cut in half");
		}
		byte[] bytes = new byte[digits / 2];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (hexValue(at(column + 2 * i)) << 4 | hexValue(at(column + 2 * i + 1)));
		}
		return bytes;
	}

	/** Whether the characters from a 0-based column on are hex digits, at least one; for sniffing. */
	static boolean startsWithHexDigits(byte[] head, int from) {
		int i = from;
		while (i < head.length && head[i] != '\r' && head[i] != '\n') {
			if (hexValue(head[i] & 0xFF) < 0) {
				return false;
			}
			i++;
		}
		return i > from;
	}

	/** Index of the first byte that is not a blank or line ending, or head.length. */
	static int skipBlanks(byte[] head) {
		int i = 0;
		while (i < head.length && (isBlank(head[i]) || head[i] == '\n')) {
			i++;
		}
		return i;
	}

	private static int hexValue(int character) {
		if (character >= '0' && character <= '9') {
			return character - '0';
		}
		if (character >= 'A' && character <= 'F') {
			return character - 'A' + 10;
		}
		if (character >= 'a' && character <= 'f') {
			return character - 'a' + 10;
		}
		return -1;
	}

	/** A character for a message: printable ones quoted, others by their code. */
	static String describe(int character) {
		if (character > ' ' && character < 0x7F) {
			return "'" + (char) character + "'";
		}
		return character == ' ' ? "a space" : String.format("byte 0x%02X", character);
	}
}
