package io.mintage.admin.tests;

/**
 * Checks that a text is exactly one JSON document (RFC 8259 grammar: objects, arrays, strings with
 * escapes, numbers, true/false/null), so {@code --json} output can be fed to any parser. Test-only.
 */
final class Json {

	private final String text;
	private int at;

	private Json(String text) {
		this.text = text;
	}

	/** Throws IllegalArgumentException naming the position when {@code text} is not one JSON document. */
	static void check(String text) {
		Json json = new Json(text.strip());
		json.value();
		if (json.at != json.text.length()) {
			throw json.error("text after the document");
		}
	}

	private void value() {
		if (at >= text.length()) {
			throw error("a value is missing");
		}
		char c = text.charAt(at);
		switch (c) {
		case '{' -> container('}', true);
		case '[' -> container(']', false);
		case '"' -> string();
		case 't' -> word("true");
		case 'f' -> word("false");
		case 'n' -> word("null");
		default -> number();
		}
	}

	private void container(char close, boolean object) {
		at++;
		if (peek() == close) {
			at++;
			return;
		}
		while (true) {
			if (object) {
				string();
				expect(':');
			}
			value();
			char next = next();
			if (next == close) {
				return;
			}
			if (next != ',') {
				throw error("expected ',' or '" + close + "'");
			}
		}
	}

	private void string() {
		expect('"');
		while (true) {
			char c = next();
			if (c == '"') {
				return;
			}
			if (c < 0x20) {
				throw error("a control character in a string");
			}
			if (c == '\\') {
				char escape = next();
				if (escape == 'u') {
					for (int i = 0; i < 4; i++) {
						if (Character.digit(next(), 16) < 0) {
							throw error("a bad \\u escape");
						}
					}
				} else if ("\"\\/bfnrt".indexOf(escape) < 0) {
					throw error("a bad escape");
				}
			}
		}
	}

	private void number() {
		int start = at;
		while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
			at++;
		}
		if (!text.substring(start, at).matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
			throw error("not a value");
		}
	}

	private void word(String word) {
		if (!text.startsWith(word, at)) {
			throw error("expected " + word);
		}
		at += word.length();
	}

	private void expect(char c) {
		if (next() != c) {
			throw error("expected '" + c + "'");
		}
	}

	private char peek() {
		return at < text.length() ? text.charAt(at) : 0;
	}

	private char next() {
		if (at >= text.length()) {
			throw error("the document ends early");
		}
		return text.charAt(at++);
	}

	private IllegalArgumentException error(String what) {
		return new IllegalArgumentException(what + " at " + at + " in: " + text);
	}
}
