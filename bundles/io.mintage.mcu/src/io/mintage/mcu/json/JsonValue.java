package io.mintage.mcu.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value of the strict JSON subset descriptors are written in, with the line it started on so a
 * refusal can point at it. Values built in code (tests, the writer) have line 0.
 */
public sealed interface JsonValue {

	/** 1-based line of the value's first character; 0 when not read from text. */
	int line();

	/** What the value is, for messages: "an object", "a string"… */
	String kind();

	record JsonObject(Map<String, JsonValue> members, int line) implements JsonValue {
		public JsonObject {
			members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
		}

		@Override
		public String kind() {
			return "an object";
		}
	}

	record JsonArray(List<JsonValue> items, int line) implements JsonValue {
		public JsonArray {
			items = List.copyOf(items);
		}

		@Override
		public String kind() {
			return "an array";
		}
	}

	record JsonString(String value, int line) implements JsonValue {
		@Override
		public String kind() {
			return "a string";
		}
	}

	/** Only whole numbers: descriptors hold addresses, sizes and counts. */
	record JsonNumber(long value, int line) implements JsonValue {
		@Override
		public String kind() {
			return "a number";
		}
	}

	record JsonBoolean(boolean value, int line) implements JsonValue {
		@Override
		public String kind() {
			return "true or false";
		}
	}

	record JsonNull(int line) implements JsonValue {
		@Override
		public String kind() {
			return "null";
		}
	}
}
