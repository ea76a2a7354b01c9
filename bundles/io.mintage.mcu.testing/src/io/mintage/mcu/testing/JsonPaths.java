package io.mintage.mcu.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mintage.mcu.json.Json;
import io.mintage.mcu.json.JsonSyntaxException;
import io.mintage.mcu.json.JsonValue;
import io.mintage.mcu.json.JsonValue.JsonArray;
import io.mintage.mcu.json.JsonValue.JsonObject;

/**
 * Edits a descriptor tree at a path written as the reader reports fields ({@code variants[0].flash.size}),
 * so a test can break one thing and expect exactly that path in the refusal.
 */
public final class JsonPaths {

	private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)\\]");

	private JsonPaths() {
	}

	/** A value from JSON text, e.g. {@code value("\"0x410\"")}. */
	public static JsonValue value(String json) {
		try {
			return Json.parse(json);
		} catch (JsonSyntaxException e) {
			throw new IllegalArgumentException("test value is not JSON: " + json, e);
		}
	}

	public static JsonValue get(JsonValue root, String path) {
		JsonValue at = root;
		for (Object segment : segments(path)) {
			at = segment instanceof String name ? ((JsonObject) at).members().get(name)
					: ((JsonArray) at).items().get((Integer) segment);
			if (at == null) {
				throw new IllegalArgumentException("no " + path + " in the descriptor");
			}
		}
		return at;
	}

	/** Sets (or adds) the value at the path; an array index equal to the size appends. */
	public static JsonValue set(JsonValue root, String path, JsonValue value) {
		return edit(root, segments(path), 0, value);
	}

	public static JsonValue remove(JsonValue root, String path) {
		return edit(root, segments(path), 0, null);
	}

	private static JsonValue edit(JsonValue at, List<Object> segments, int index, JsonValue value) {
		Object segment = segments.get(index);
		boolean last = index == segments.size() - 1;
		if (segment instanceof String name) {
			Map<String, JsonValue> members = new LinkedHashMap<>(((JsonObject) at).members());
			if (last) {
				if (value == null) {
					members.remove(name);
				} else {
					members.put(name, value);
				}
			} else {
				members.put(name, edit(members.get(name), segments, index + 1, value));
			}
			return new JsonObject(members, 0);
		}
		int i = (Integer) segment;
		List<JsonValue> items = new ArrayList<>(((JsonArray) at).items());
		if (last) {
			if (value == null) {
				items.remove(i);
			} else if (i == items.size()) {
				items.add(value);
			} else {
				items.set(i, value);
			}
		} else {
			items.set(i, edit(items.get(i), segments, index + 1, value));
		}
		return new JsonArray(items, 0);
	}

	private static List<Object> segments(String path) {
		List<Object> segments = new ArrayList<>();
		Matcher m = SEGMENT.matcher(path);
		while (m.find()) {
			segments.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
		}
		return segments;
	}
}
