package io.mintage.mcu.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.mintage.mcu.json.JsonValue.JsonArray;
import io.mintage.mcu.json.JsonValue.JsonBoolean;
import io.mintage.mcu.json.JsonValue.JsonNull;
import io.mintage.mcu.json.JsonValue.JsonNumber;
import io.mintage.mcu.json.JsonValue.JsonObject;
import io.mintage.mcu.json.JsonValue.JsonString;

class JsonTest {

	@Test
	void readsTheSubsetWithLines() throws JsonSyntaxException {
		JsonObject o = (JsonObject) Json.parse("{\n\t\"a\": [1, -2, \"x\\n\\u0041\"],\n\t\"b\": {\"c\": true, \"d\": null}\n}");
		assertEquals(1, o.line());
		JsonArray a = (JsonArray) o.members().get("a");
		assertEquals(2, a.line());
		assertEquals(List.of(new JsonNumber(1, 2), new JsonNumber(-2, 2), new JsonString("x\nA", 2)), a.items());
		JsonObject b = (JsonObject) o.members().get("b");
		assertEquals(3, b.line());
		assertEquals(new JsonBoolean(true, 3), b.members().get("c"));
		assertEquals(new JsonNull(3), b.members().get("d"));
	}

	@Test
	void writesWhatItReads() throws JsonSyntaxException {
		Map<String, JsonValue> m = new LinkedHashMap<>();
		m.put("name", new JsonString("tab\there \"quoted\" \\ \u0001", 0));
		m.put("list", new JsonArray(List.of(new JsonNumber(7, 0), new JsonBoolean(false, 0), new JsonNull(0)), 0));
		m.put("empty", new JsonObject(Map.of(), 0));
		m.put("nested", new JsonArray(List.of(new JsonObject(Map.of("k", new JsonNumber(-1, 0)), 0)), 0));
		String text = Json.write(new JsonObject(m, 0));
		assertEquals(text, Json.write(Json.parse(text)));
	}

	static Stream<Arguments> broken() {
		return Stream.of(
				Arguments.of("trailing comma in object", "{\"a\": 1,\n}", 2, 1, "", "a comma before '}' (trailing commas are not allowed)"),
				Arguments.of("trailing comma in array", "{\"a\": [1,\n2,]}", 2, 3, "a[2]", "a comma before ']' (trailing commas are not allowed)"),
				Arguments.of("duplicate field", "{\"a\": 1,\n\"a\": 2}", 2, 4, "a", "the field \"a\" appears twice (first on line 1)"),
				Arguments.of("comment", "{\"a\": 1 // no\n}", 1, 9, "a", "expected ',' or '}' after the field, found '/' (comments are not allowed)"),
				Arguments.of("leading zero", "{\"a\": 012}", 1, 7, "a", "a number with a leading zero; write hexadecimal as a string such as \"0x1FFF\""),
				Arguments.of("fraction", "{\"a\": 1.5}", 1, 8, "a", "only whole numbers are allowed (no fractions or exponents)"),
				Arguments.of("bare hex", "{\"a\": 0x10}", 1, 8, "a", "a number followed by 'x'; write hexadecimal as a string such as \"0x1FFF\""),
				Arguments.of("unquoted word", "{\"a\": yes}", 1, 7, "a", "unexpected 'y' where a value was expected"),
				Arguments.of("single quotes", "{'a': 1}", 1, 2, "", "expected a field name in double quotes, found '''"),
				Arguments.of("unterminated string", "{\"a\": \"abc", 1, 11, "a", "the file ends inside a string"),
				Arguments.of("content after the end", "{}\n{}", 2, 1, "", "unexpected '{' after the end of the document"),
				Arguments.of("empty file", "", 1, 1, "", "the file ends where a value was expected"),
				Arguments.of("bad escape", "{\"a\": \"\\q\"}", 1, 9, "a", "unknown escape \\q in a string"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("broken")
	void refusesNamingLineColumnAndField(String what, String text, int line, int column, String path, String reason) {
		JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> Json.parse(text), what);
		assertEquals(reason, e.reason(), what);
		assertEquals(line, e.line(), what);
		assertEquals(column, e.column(), what);
		assertEquals(path, e.path(), what);
	}

	@Test
	void refusesAControlCharacterInAString() {
		JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> Json.parse("[\"a\tb\"]"));
		assertEquals("line 1, column 4, in [0]: a control character (character U+0009) inside a string; use an escape such as \\n",
				e.getMessage());
	}

	@Test
	void refusesByteOrderMarkAndBadUtf8() {
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}' };
		assertEquals("the file starts with a UTF-8 byte-order mark; save it without one",
				assertThrows(JsonSyntaxException.class, () -> Json.parse(bom)).reason());
		byte[] latin1 = "{\"a\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
		assertEquals("the file is not valid UTF-8", assertThrows(JsonSyntaxException.class, () -> Json.parse(latin1)).reason());
	}

	@Test
	void refusesDeepNestingAndHugeFiles() {
		String deep = "[".repeat(40) + "]".repeat(40);
		assertEquals("nested more than 32 levels deep", assertThrows(JsonSyntaxException.class, () -> Json.parse(deep)).reason());
		byte[] huge = new byte[Json.MAX_LENGTH + 1];
		assertThrows(JsonSyntaxException.class, () -> Json.parse(huge));
	}
}
