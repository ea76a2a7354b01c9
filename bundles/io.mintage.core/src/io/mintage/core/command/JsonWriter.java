package io.mintage.core.command;

/**
 * Builds the {@code --json} output of commands by hand, so no bundle needs a JSON library for a dozen
 * fields. Keys are fixed by the caller; values that come from outside (file names) are escaped per RFC 8259.
 */
public final class JsonWriter {

	private final StringBuilder json = new StringBuilder();
	private boolean firstInContainer = true;

	public JsonWriter beginObject() {
		separate();
		json.append('{');
		firstInContainer = true;
		return this;
	}

	/** An object as the value of {@code key} in the enclosing object. */
	public JsonWriter beginObject(String key) {
		name(key);
		json.append('{');
		firstInContainer = true;
		return this;
	}

	public JsonWriter endObject() {
		json.append('}');
		firstInContainer = false;
		return this;
	}

	public JsonWriter beginArray(String key) {
		name(key);
		json.append('[');
		firstInContainer = true;
		return this;
	}

	public JsonWriter endArray() {
		json.append(']');
		firstInContainer = false;
		return this;
	}

	public JsonWriter string(String key, String value) {
		name(key);
		quote(value);
		return this;
	}

	/** A string as the next element of the enclosing array. */
	public JsonWriter value(String value) {
		separate();
		quote(value);
		return this;
	}

	public JsonWriter number(String key, long value) {
		name(key);
		json.append(value);
		return this;
	}

	public JsonWriter bool(String key, boolean value) {
		name(key);
		json.append(value);
		return this;
	}

	public JsonWriter nullValue(String key) {
		name(key);
		json.append("null");
		return this;
	}

	@Override
	public String toString() {
		return json.toString();
	}

	private void name(String key) {
		separate();
		quote(key);
		json.append(':');
	}

	private void separate() {
		if (!firstInContainer) {
			json.append(',');
		}
		firstInContainer = false;
	}

	private void quote(String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
			case '"' -> json.append("\\\"");
			case '\\' -> json.append("\\\\");
			case '\n' -> json.append("\\n");
			case '\r' -> json.append("\\r");
			case '\t' -> json.append("\\t");
			case '\b' -> json.append("\\b");
			case '\f' -> json.append("\\f");
			default -> {
				// Control characters must be escaped; U+2028/9 too, so the text also survives as JavaScript.
				if (c < 0x20 || c == '\u2028' || c == '\u2029') {
					json.append(String.format("\\u%04x", (int) c));
				} else {
					json.append(c);
				}
			}
			}
		}
		json.append('"');
	}
}
