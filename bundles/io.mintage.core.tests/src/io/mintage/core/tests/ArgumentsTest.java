package io.mintage.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.CommandException;

class ArgumentsTest {

	private static final Set<String> FLAGS = Set.of("--json");
	private static final Set<String> OPTIONS = Set.of("--base", "--format");

	@Test
	void flagsOptionsAndPositionalsInAnyOrder() throws CommandException {
		Arguments parsed = Arguments.parse(List.of("--base", "0x08000000", "fw.bin", "--json", "--format=bin"), FLAGS,
				OPTIONS);
		assertTrue(parsed.has("--json"));
		assertEquals("0x08000000", parsed.option("--base").orElseThrow());
		assertEquals("bin", parsed.option("--format").orElseThrow());
		assertEquals("fw.bin", parsed.single("FILE"));
	}

	@Test
	void doubleDashEndsOptions() throws CommandException {
		Arguments parsed = Arguments.parse(List.of("--", "--json"), FLAGS, OPTIONS);
		assertFalse(parsed.has("--json"));
		assertEquals(List.of("--json"), parsed.positionals());
	}

	@Test
	void unknownOptionIsAUsageErrorNamingIt() {
		CommandException e = assertThrows(CommandException.class,
				() -> Arguments.parse(List.of("--jsn", "a"), FLAGS, OPTIONS));
		assertEquals("unknown option '--jsn'", e.getMessage());
		assertEquals(CommandException.USAGE, e.exitCode());
	}

	@Test
	void missingValueAndRepeatedOptionAreUsageErrors() {
		assertEquals("--base needs a value",
				assertThrows(CommandException.class, () -> Arguments.parse(List.of("--base"), FLAGS, OPTIONS))
						.getMessage());
		assertEquals("--base is given twice", assertThrows(CommandException.class,
				() -> Arguments.parse(List.of("--base", "1", "--base=2"), FLAGS, OPTIONS)).getMessage());
		assertEquals("--json takes no value (got '--json=yes')", assertThrows(CommandException.class,
				() -> Arguments.parse(List.of("--json=yes"), FLAGS, OPTIONS)).getMessage());
	}

	@Test
	void singlePositionalIsEnforced() throws CommandException {
		assertEquals("missing FILE",
				assertThrows(CommandException.class, () -> Arguments.parse(List.of(), FLAGS, OPTIONS).single("FILE"))
						.getMessage());
		assertEquals("expected one FILE, got 2: a b", assertThrows(CommandException.class,
				() -> Arguments.parse(List.of("a", "b"), FLAGS, OPTIONS).single("FILE")).getMessage());
	}

	@ParameterizedTest
	@CsvSource({ "0x08000000, 134217728", "0X1fff_f7a8, 536868776", "4096, 4096", "0xFFFFFFFF, 4294967295" })
	void addressesInHexOrDecimal(String text, long expected) throws CommandException {
		assertEquals(expected, Arguments.parseAddress("--base", text));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "0x100000000|--base 0x100000000 is outside the 32-bit address space",
			"-1|--base -1 is outside the 32-bit address space",
			"flash|--base expects a number such as 0x08000000, got 'flash'" })
	void badAddressesSayWhatIsWrong(String text, String message) {
		assertEquals(message,
				assertThrows(CommandException.class, () -> Arguments.parseAddress("--base", text)).getMessage());
	}
}
