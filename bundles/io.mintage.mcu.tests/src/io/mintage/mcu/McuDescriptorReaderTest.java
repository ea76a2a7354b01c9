package io.mintage.mcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.mintage.core.MemoryRegion;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.mcu.RecordPlacement;
import io.mintage.core.mcu.SupplyRanges;

/** The reader's refusals, word for word: they are what a person adding a family reads. */
class McuDescriptorReaderTest {

	private static final String HEAD = """
			{
				"format": 1,
				"family": "demo",
				"name": "Demo",
				"source": "test",
				"variants": [
			""";
	/** Starts on line 7 when it is the first variant. */
	private static final String VARIANT = """
					{
						"name": "NAME",
						"deviceIds": ["ID"],
						"flash": {"start": "0x08000000", "size": "8K"},
						"sectors": {"uniform": "1K"},
						"writeGranularity": 4,
						"erasedValue": "0xFF",
						"ram": {"start": "0x20000000", "size": "4K"},
						"uid": {"access": "memory", "address": "0x1FFFF7E8", "length": 12},
						"flashSizeRegister": "0x1FFFF7E0",
						"bootloaderRam": [{"start": "0x20000000", "size": 512}],
						"systemRegions": [{"name": "system memory", "kind": "system", "start": "0x1FFFF000", "size": "2K"},
							{"name": "option bytes", "kind": "option-bytes", "start": "0x1FFFF800", "size": 16}],
						"record": {"default": "last-erase-unit", "options": ["last-erase-unit"]},
						"protection": {"scheme": "stm32-rdp", "address": "0x1FFFF800", "width": 1, "levels": [
							{"name": "level 0", "rank": 0, "value": "0xAA", "setBy": "default", "policy": "allowed", "effect": "open"}]},
						"erase": "stm32-extended-erase",
						"source": "test"
					}""";
	private static final String TAIL = "\n\t]\n}\n";

	private static String descriptor(String... variants) {
		return HEAD + String.join(",\n", variants) + TAIL;
	}

	private static String variant(String name, String id) {
		// the text block loses its indentation; put the variant where it sits in a real file
		return Arrays.stream(VARIANT.replace("NAME", name).replace("ID", id).split("\n")).map(line -> "\t\t" + line)
				.collect(Collectors.joining("\n"));
	}

	private static final String VALID = descriptor(variant("Demo 1", "0x123"));

	private static McuDescriptor read(String text) {
		return McuDescriptorReader.read(text.getBytes(StandardCharsets.UTF_8), "demo.json");
	}

	private static String refusal(String text) {
		return assertThrows(McuDescriptorException.class, () -> read(text)).getMessage();
	}

	private static String changed(String from, String to) {
		assertTrue(VALID.contains(from), from);
		return VALID.replace(from, to);
	}

	@Test
	void readsAValidDescriptor() {
		McuDescriptor d = read(VALID);
		assertEquals("demo", d.family());
		McuVariant v = d.variants().get(0);
		assertEquals(List.of(0x123L), v.deviceIds());
		assertEquals(8, v.sectors().size());
		assertEquals(new MemoryRegion("page 7", MemoryRegion.Kind.FLASH, 0x0800_1C00L, 1024), v.recordRegion());
		assertEquals(RecordPlacement.LAST_ERASE_UNIT, v.recordPlacement());
		assertEquals(d, McuDescriptorReader.read(McuDescriptorWriter.write(d).getBytes(StandardCharsets.UTF_8), "again"));
	}

	@Test
	void defaultsApplyToEveryVariantAndTheVariantWins() {
		String withDefaults = HEAD.replace("\t\"variants\": [", "\t\"defaults\": {\"writeGranularity\": 8, \"erase\": \"stm32-erase\"},\n\t\"variants\": [")
				+ variant("Demo 1", "0x123").replace("\t\t\t\"writeGranularity\": 4,\n", "").replace("\t\t\t\"erase\": \"stm32-extended-erase\",\n", "")
				+ ",\n" + variant("Demo 2", "0x124").replace("\t\t\t\"writeGranularity\": 4,\n", "") + TAIL;
		McuDescriptor d = read(withDefaults);
		assertEquals(8, d.variants().get(0).writeGranularity());
		assertEquals(io.mintage.core.mcu.EraseKind.STM32_ERASE, d.variants().get(0).eraseKind());
		assertEquals(io.mintage.core.mcu.EraseKind.STM32_EXTENDED_ERASE, d.variants().get(1).eraseKind());
	}

	private static final String ERASE = "\"erase\": \"stm32-extended-erase\",\n";

	/** The descriptor with supply ranges on line 24, right after "erase". */
	private static String withSupply(String ranges) {
		return changed(ERASE, ERASE + "\t\t\t\"supplyRanges\": {\"address\": \"0xFFFF0000\", \"ranges\": [" + ranges + "]},\n");
	}

	private static String range(int from, int to, String code, int width) {
		return "{\"fromMillivolts\": " + from + ", \"toMillivolts\": " + to + ", \"code\": \"" + code
				+ "\", \"programWidth\": " + width + "}";
	}

	@Test
	void supplyRangesAreReadAndWrittenBack() {
		McuDescriptor d = read(withSupply(range(1800, 2700, "0x00", 1) + ", " + range(2700, 3600, "0x03", 4)));
		SupplyRanges supply = d.variants().get(0).supplyRanges().orElseThrow();
		assertEquals(0xFFFF_0000L, supply.address());
		assertEquals(new SupplyRanges.Range(2700, 3600, 3, 4), supply.forSupply(3300).orElseThrow());
		assertEquals(d, McuDescriptorReader.read(McuDescriptorWriter.write(d).getBytes(StandardCharsets.UTF_8), "again"));
		assertTrue(read(VALID).variants().get(0).supplyRanges().isEmpty());
	}

	@Test
	void supplyRangesThatOverlap() {
		assertEquals("demo.json, line 24, field variants[0].supplyRanges.ranges[1].fromMillivolts: 2400 mV starts inside"
				+ " the range before (up to 2700 mV): ranges go up and do not overlap",
				refusal(withSupply(range(1800, 2700, "0x00", 1) + ", " + range(2400, 3600, "0x03", 4))));
	}

	@Test
	void aSupplyRangeThatRunsDown() {
		assertEquals("demo.json, line 24, field variants[0].supplyRanges.ranges[0].toMillivolts: 1800 mV is not above"
				+ " fromMillivolts (2700 mV)", refusal(withSupply(range(2700, 1800, "0x00", 1))));
	}

	@Test
	void aProgramWidthThatIsNone() {
		assertEquals("demo.json, line 24, field variants[0].supplyRanges.ranges[0].programWidth: 3 bytes is not a"
				+ " program width (1, 2, 4 or 8)", refusal(withSupply(range(2700, 3600, "0x03", 3))));
	}

	@Test
	void oneCodeForTwoSupplyRanges() {
		assertEquals("demo.json, line 24, field variants[0].supplyRanges.ranges[1].code: the code 0x03 selects another"
				+ " range already", refusal(withSupply(range(1800, 2700, "0x03", 1) + ", " + range(2700, 3600, "0x03", 4))));
	}

	@Test
	void aSupplyLocationInFlash() {
		assertEquals("demo.json, line 24, field variants[0].supplyRanges.address: 0x08000000 is not a word-aligned"
				+ " location outside main flash and RAM, as the bootloader's virtual one is",
				refusal(withSupply(range(2700, 3600, "0x03", 4)).replace("0xFFFF0000", "0x08000000")));
	}

	@Test
	void aWriteGranularityThatIsNoPowerOfTwo() {
		assertEquals("demo.json, line 12, field variants[0].writeGranularity: 3 is not a power of two",
				refusal(changed("\"writeGranularity\": 4", "\"writeGranularity\": 3")));
	}

	@Test
	void aWriteGranularityLargerThanAPage() {
		assertEquals("demo.json, line 12, field variants[0].writeGranularity: 2048 bytes does not divide the size of "
				+ "page 0 0x08000000..0x080003FF (1 KiB)", refusal(changed("\"writeGranularity\": 4", "\"writeGranularity\": 2048")));
	}

	@Test
	void aMissingField() {
		assertEquals("demo.json, line 7, field variants[0].erase: the field is missing",
				refusal(changed("\t\t\t\"erase\": \"stm32-extended-erase\",\n", "")));
	}

	@Test
	void anUnknownField() {
		String message = refusal(changed("\"source\": \"test\"\n\t\t}", "\"source\": \"test\",\n\t\t\t\"colour\": \"blue\"\n\t\t}"));
		assertTrue(message.startsWith("demo.json, line 25, field variants[0].colour: unknown field \"colour\"; known here: [name, deviceIds,"),
				message);
	}

	@Test
	void pagesThatDoNotDivideFlash() {
		assertEquals("demo.json, line 11, field variants[0].sectors.uniform: 3072 bytes does not divide the flash size of 8192 bytes",
				refusal(changed("{\"uniform\": \"1K\"}", "{\"uniform\": \"3K\"}")));
	}

	@Test
	void sectorRunsThatLeaveFlashUncovered() {
		assertEquals("demo.json, line 11, field variants[0].sectors.runs: the sectors end at 0x08001000 but flash ends at "
				+ "0x08002000: they must cover it exactly",
				refusal(changed("{\"uniform\": \"1K\"}", "{\"runs\": [{\"size\": \"1K\", \"count\": 4}]}")));
	}

	@Test
	void aNumberThatIsNone() {
		assertEquals("demo.json, line 10, field variants[0].flash.start: \"0xZZ\" is not a number: write 1234, \"0x1FFF\" "
				+ "(up to 8 hex digits), \"16K\" or \"1M\"", refusal(changed("\"0x08000000\"", "\"0xZZ\"")));
	}

	@Test
	void aWrongType() {
		assertEquals("demo.json, line 13, field variants[0].erasedValue: must be a number, found an array",
				refusal(changed("\"erasedValue\": \"0xFF\"", "\"erasedValue\": []")));
	}

	@Test
	void noUidAndNoQuirkSayingWhy() {
		assertEquals("demo.json, line 15, field variants[0].uid: no UID and no \"uid-undocumented\" quirk saying why: "
				+ "UID-bound records need one or the other",
				refusal(changed("{\"access\": \"memory\", \"address\": \"0x1FFFF7E8\", \"length\": 12}", "null")));
	}

	@Test
	void aUidInRam() {
		assertEquals("demo.json, line 15, field variants[0].uid.address: 0x20000000 + 12 bytes is not inside a \"system\" "
				+ "or \"otp\" region of systemRegions", refusal(changed("\"address\": \"0x1FFFF7E8\"", "\"address\": \"0x20000000\"")));
	}

	@Test
	void aDeviceIdOfTwoVariants() {
		McuDescriptorException e = assertThrows(McuDescriptorException.class,
				() -> read(descriptor(variant("Demo 1", "0x123"), variant("Demo 2", "0x123"))));
		assertEquals("variants[1].deviceIds[0]", e.field());
		assertEquals("device ID 0x123 is already the ID of variant \"Demo 1\"; a probe could not tell them apart", e.reason());
		assertEquals(28, e.line());
	}

	@Test
	void twoVariantsOfOneName() {
		McuDescriptorException e = assertThrows(McuDescriptorException.class,
				() -> read(descriptor(variant("Demo", "0x123"), variant("Demo", "0x124"))));
		assertEquals("variants[1].name", e.field());
		assertEquals("the name \"Demo\" is used by another variant", e.reason());
	}

	@Test
	void anUnknownWord() {
		assertEquals("demo.json, line 23, field variants[0].erase: \"fast\" is not one of [lpc-prepare-erase, stm32-erase, "
				+ "stm32-extended-erase]", refusal(changed("\"erase\": \"stm32-extended-erase\"", "\"erase\": \"fast\"")));
	}

	@Test
	void anUnknownFormat() {
		assertEquals("demo.json, line 2, field format: format 2 is not known; this version reads format 1",
				refusal(changed("\"format\": 1", "\"format\": 2")));
	}

	@Test
	void aSyntaxError() {
		assertEquals("demo.json, line 26, field variants[1]: a comma before ']' (trailing commas are not allowed) (column 2)",
				refusal(VALID.replace("\t\t}\n\t]", "\t\t},\n\t]")));
	}

	@Test
	void aDefaultThatBelongsToEachVariant() {
		assertEquals("demo.json, line 6, field defaults.deviceIds: \"deviceIds\" belongs to each variant, not to the defaults",
				refusal(VALID.replace("\t\"variants\": [", "\t\"defaults\": {\"deviceIds\": [1]},\n\t\"variants\": [")));
	}

	@Test
	void anUnverifiedNoteOnNoField() {
		String message = refusal(changed("\"source\": \"test\"\n\t\t}", "\"source\": \"test\",\n\t\t\t\"unverified\": {\"colour\": \"why\"}\n\t\t}"));
		assertTrue(message.startsWith("demo.json, line 25, field variants[0].unverified.colour: \"colour\" is not a variant field"),
				message);
	}

	@Test
	void otpOfferedWithoutAnOtpRegion() {
		assertEquals("demo.json, line 20, field variants[0].record.options[1]: OTP is offered but systemRegions lists no \"otp\" region",
				refusal(changed("\"options\": [\"last-erase-unit\"]", "\"options\": [\"last-erase-unit\", \"otp\"]")));
	}

	@Test
	void twoProtectionLevelsForAnyOtherValue() {
		String levels = "{\"name\": \"level 0\", \"rank\": 0, \"value\": \"other\", \"setBy\": \"default\", \"policy\": \"allowed\", \"effect\": \"open\"},"
				+ "{\"name\": \"level 1\", \"rank\": 1, \"value\": \"other\", \"setBy\": \"default\", \"policy\": \"allowed\", \"effect\": \"x\"}]";
		String message = refusal(changed(
				"{\"name\": \"level 0\", \"rank\": 0, \"value\": \"0xAA\", \"setBy\": \"default\", \"policy\": \"allowed\", \"effect\": \"open\"}]",
				levels));
		assertEquals("demo.json, line 22, field variants[0].protection.levels[1].value: only one level can be \"other\" "
				+ "(any value no other level names)", message);
	}

	@Test
	void aDescriptorMissingFromTheBundle() {
		McuDescriptorException e = assertThrows(McuDescriptorException.class,
				() -> McuDescriptorReader.load(McuDescriptorReaderTest.class, "descriptor/none.json"));
		assertTrue(e.getMessage().endsWith("descriptor/none.json: the descriptor is not in the bundle (check build.properties bin.includes)"),
				e.getMessage());
	}
}
