package io.mintage.core.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

	@Test
	void writesNestedObjectsAndArraysWithCommasOnlyBetweenMembers() {
		String json = new JsonWriter().beginObject().string("a", "x").beginArray("list")
				.beginObject().number("n", 1).endObject().beginObject().bool("b", true).endObject()
				.endArray().nullValue("none").endObject().toString();

		assertEquals("{\"a\":\"x\",\"list\":[{\"n\":1},{\"b\":true}],\"none\":null}", json);
	}

	@Test
	void escapesQuotesBackslashesAndControlCharacters() {
		String json = new JsonWriter().beginObject().string("file", "a\"b\\c\n\r\t\b\f\u0001\u001f\u2028é")
				.endObject().toString();

		assertEquals("{\"file\":\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\\u2028é\"}", json);
	}

	@Test
	void writesAnObjectAsAMemberValue() {
		String json = new JsonWriter().beginObject().string("a", "x").beginObject("inner").bool("b", false)
				.nullValue("c").endObject().number("n", 2).endObject().toString();

		assertEquals("{\"a\":\"x\",\"inner\":{\"b\":false,\"c\":null},\"n\":2}", json);
	}

	@Test
	void writesAnEmptyArray() {
		assertEquals("{\"list\":[]}", new JsonWriter().beginObject().beginArray("list").endArray().endObject().toString());
	}
}
