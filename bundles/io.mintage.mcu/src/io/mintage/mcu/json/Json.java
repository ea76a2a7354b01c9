package io.mintage.mcu.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mintage.mcu.json.JsonValue.JsonArray;
import io.mintage.mcu.json.JsonValue.JsonBoolean;
import io.mintage.mcu.json.JsonValue.JsonNull;
import io.mintage.mcu.json.JsonValue.JsonNumber;
import io.mintage.mcu.json.JsonValue.JsonObject;
import io.mintage.mcu.json.JsonValue.JsonString;

/**
 * Reads and writes a strict subset of JSON (RFC 8259) with the JDK only: UTF-8 without a byte-order
 * mark, whole numbers only, no duplicate field names, no trailing commas, no comments, nothing after
 * the top value. Being strict is the point: a descriptor that a lenient parser would half-understand
 * is refused with the line, column and field, instead of programming chips with a guess.
 */
public final class Json {

	/** Far above any descriptor; keeps a damaged or hostile file from exhausting memory. */
	public static final int MAX_LENGTH = 1024 * 1024;
	private static final int MAX_DEPTH = 32;

	private final String text;
	private int position;
	private int line = 1;
	private int lineStart;

	private Json(String text) {
		this.text = text;
	}

	public static JsonValue parse(byte[] content) throws JsonSyntaxException {
		if (content.length > MAX_LENGTH) {
			throw new JsonSyntaxException(1, 1, "", "the file is " + content.length + " bytes, more than the "
					+ MAX_LENGTH + " a descriptor may have");
		}
		if (content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
				&& (content[2] & 0xFF) == 0xBF) {
			throw new JsonSyntaxException(1, 1, "", "the file starts with a UTF-8 byte-order mark; save it without one");
		}
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
		} catch (CharacterCodingException e) {
			throw new JsonSyntaxException(1, 1, "", "the file is not valid UTF-8");
		}
		return parse(text);
	}

	public static JsonValue parse(String text) throws JsonSyntaxException {
		Json parser = new Json(text);
		parser.skipWhitespace();
		JsonValue value = parser.value("", 0);
		parser.skipWhitespace();
		if (parser.position < text.length()) {
			throw parser.error("", "unexpected " + parser.describe(parser.peek()) + " after the end of the document");
		}
		return value;
	}

	private JsonValue value(String path, int depth) throws JsonSyntaxException {
		if (depth > MAX_DEPTH) {
			throw error(path, "nested more than " + MAX_DEPTH + " levels deep");
		}
		if (position >= text.length()) {
			throw error(path, "the file ends where a value was expected");
		}
		char c = peek();
		int startLine = line;
		switch (c) {
		case '{':
			return object(path, depth);
		case '[':
			return array(path, depth);
		case '"':
			return new JsonString(string(path), startLine);
		case 't':
			literal("true", path);
			return new JsonBoolean(true, startLine);
		case 'f':
			literal("false", path);
			return new JsonBoolean(false, startLine);
		case 'n':
			literal("null", path);
			return new JsonNull(startLine);
		default:
			if (c == '-' || (c >= '0' && c <= '9')) {
				return new JsonNumber(number(path), startLine);
			}
			throw error(path, "unexpected " + describe(c) + " where a value was expected");
		}
	}

	private JsonObject object(String path, int depth) throws JsonSyntaxException {
		int startLine = line;
		position++;
		Map<String, JsonValue> members = new LinkedHashMap<>();
		Map<String, Integer> lines = new LinkedHashMap<>();
		skipWhitespace();
		if (peekIs('}')) {
			position++;
			return new JsonObject(members, startLine);
		}
		while (true) {
			skipWhitespace();
			if (!peekIs('"')) {
				throw error(path, peekIs('}') ? "a comma before '}' (trailing commas are not allowed)"
						: "expected a field name in double quotes, found " + describeNext());
			}
			int keyLine = line;
			String key = string(path);
			String childPath = path.isEmpty() ? key : path + "." + key;
			if (members.containsKey(key)) {
				throw error(childPath, "the field \"" + key + "\" appears twice (first on line " + lines.get(key) + ")");
			}
			skipWhitespace();
			expect(':', childPath);
			skipWhitespace();
			members.put(key, value(childPath, depth + 1));
			lines.put(key, keyLine);
			skipWhitespace();
			if (peekIs(',')) {
				position++;
				continue;
			}
			if (peekIs('}')) {
				position++;
				return new JsonObject(members, startLine);
			}
			throw error(childPath, "expected ',' or '}' after the field, found " + describeNext());
		}
	}

	private JsonArray array(String path, int depth) throws JsonSyntaxException {
		int startLine = line;
		position++;
		List<JsonValue> items = new ArrayList<>();
		skipWhitespace();
		if (peekIs(']')) {
			position++;
			return new JsonArray(items, startLine);
		}
		while (true) {
			skipWhitespace();
			String itemPath = path + "[" + items.size() + "]";
			if (peekIs(']')) {
				throw error(itemPath, "a comma before ']' (trailing commas are not allowed)");
			}
			items.add(value(itemPath, depth + 1));
			skipWhitespace();
			if (peekIs(',')) {
				position++;
				continue;
			}
			if (peekIs(']')) {
				position++;
				return new JsonArray(items, startLine);
			}
			throw error(itemPath, "expected ',' or ']' after the item, found " + describeNext());
		}
	}

	private String string(String path) throws JsonSyntaxException {
		position++;
		StringBuilder out = new StringBuilder();
		while (true) {
			if (position >= text.length()) {
				throw error(path, "the file ends inside a string");
			}
			char c = text.charAt(position++);
			if (c == '"') {
				return out.toString();
			}
			if (c < 0x20) {
				position--;
				throw error(path, "a control character (" + describe(c) + ") inside a string; use an escape such as \\n");
			}
			if (c != '\\') {
				out.append(c);
				continue;
			}
			if (position >= text.length()) {
				throw error(path, "the file ends inside a string");
			}
			char escape = text.charAt(position++);
			switch (escape) {
			case '"', '\\', '/' -> out.append(escape);
			case 'b' -> out.append('\b');
			case 'f' -> out.append('\f');
			case 'n' -> out.append('\n');
			case 'r' -> out.append('\r');
			case 't' -> out.append('\t');
			case 'u' -> {
				if (position + 4 > text.length()) {
					throw error(path, "a \\u escape needs four hex digits");
				}
				try {
					out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
				} catch (NumberFormatException e) {
					throw error(path, "a \\u escape needs four hex digits, found \"" + text.substring(position, position + 4) + "\"");
				}
				position += 4;
			}
			default -> {
				position--;
				throw error(path, "unknown escape \\" + escape + " in a string");
			}
			}
		}
	}

	private long number(String path) throws JsonSyntaxException {
		int start = position;
		if (peekIs('-')) {
			position++;
		}
		int digits = position;
		while (position < text.length() && Character.isDigit(text.charAt(position)) && text.charAt(position) < 0x80) {
			position++;
		}
		if (position == digits) {
			throw error(path, "a '-' not followed by digits");
		}
		if (position - digits > 1 && text.charAt(digits) == '0') {
			position = start;
			throw error(path, "a number with a leading zero; write hexadecimal as a string such as \"0x1FFF\"");
		}
		if (position < text.length() && (peek() == '.' || peek() == 'e' || peek() == 'E')) {
			throw error(path, "only whole numbers are allowed (no fractions or exponents)");
		}
		if (position < text.length() && (Character.isLetterOrDigit(peek()))) {
			throw error(path, "a number followed by " + describe(peek()) + "; write hexadecimal as a string such as \"0x1FFF\"");
		}
		try {
			return Long.parseLong(text.substring(start, position));
		} catch (NumberFormatException e) {
			position = start;
			throw error(path, "the number " + text.substring(start, position) + " is too large");
		}
	}

	private void literal(String word, String path) throws JsonSyntaxException {
		if (!text.startsWith(word, position)) {
			throw error(path, "unexpected " + describeNext() + " where a value was expected (strings need double quotes)");
		}
		position += word.length();
	}

	private void expect(char c, String path) throws JsonSyntaxException {
		if (!peekIs(c)) {
			throw error(path, "expected '" + c + "', found " + describeNext());
		}
		position++;
	}

	private void skipWhitespace() {
		while (position < text.length()) {
			char c = text.charAt(position);
			if (c == '\n') {
				line++;
				lineStart = position + 1;
			} else if (c != ' ' && c != '\t' && c != '\r') {
				return;
			}
			position++;
		}
	}

	private char peek() {
		return text.charAt(position);
	}

	private boolean peekIs(char c) {
		return position < text.length() && text.charAt(position) == c;
	}

	private String describeNext() {
		return position >= text.length() ? "the end of the file" : describe(peek());
	}

	private String describe(char c) {
		if (c == '/') {
			return "'/' (comments are not allowed)";
		}
		return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("character U+%04X", (int) c);
	}

	private JsonSyntaxException error(String path, String reason) {
		return new JsonSyntaxException(line, position - lineStart + 1, path, reason);
	}

	/** The value as descriptor text: tab-indented, one field per line, fields in their order. */
	public static String write(JsonValue value) {
		StringBuilder out = new StringBuilder();
		write(value, out, 0);
		return out.append('\n').toString();
	}

	private static void write(JsonValue value, StringBuilder out, int indent) {
		if (value instanceof JsonObject o) {
			if (o.members().isEmpty()) {
				out.append("{}");
				return;
			}
			out.append("{\n");
			int i = 0;
			for (Map.Entry<String, JsonValue> member : o.members().entrySet()) {
				out.append("\t".repeat(indent + 1));
				quote(member.getKey(), out);
				out.append(": ");
				write(member.getValue(), out, indent + 1);
				out.append(++i < o.members().size() ? ",\n" : "\n");
			}
			out.append("\t".repeat(indent)).append('}');
		} else if (value instanceof JsonArray a) {
			if (a.items().isEmpty()) {
				out.append("[]");
				return;
			}
			// Lists of plain values (device IDs, placement names) stay on one line, as a person writes them.
			boolean simple = a.items().stream().noneMatch(v -> v instanceof JsonObject || v instanceof JsonArray);
			out.append(simple ? "[" : "[\n");
			for (int i = 0; i < a.items().size(); i++) {
				if (!simple) {
					out.append("\t".repeat(indent + 1));
				}
				write(a.items().get(i), out, indent + 1);
				if (i + 1 < a.items().size()) {
					out.append(simple ? ", " : ",\n");
				}
			}
			out.append(simple ? "]" : "\n" + "\t".repeat(indent) + "]");
		} else if (value instanceof JsonString s) {
			quote(s.value(), out);
		} else if (value instanceof JsonNumber n) {
			out.append(n.value());
		} else if (value instanceof JsonBoolean b) {
			out.append(b.value());
		} else {
			out.append("null");
		}
	}

	private static void quote(String s, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
			case '"' -> out.append("\\\"");
			case '\\' -> out.append("\\\\");
			case '\n' -> out.append("\\n");
			case '\r' -> out.append("\\r");
			case '\t' -> out.append("\\t");
			default -> {
				if (c < 0x20) {
					out.append(String.format("\\u%04x", (int) c));
				} else {
					out.append(c);
				}
			}
			}
		}
		out.append('"');
	}
}
