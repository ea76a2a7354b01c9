package io.mintage.mcu.stm32f0;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.mintage.core.mcu.EraseKind;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.mcu.McuVariant.UidLocation;
import io.mintage.core.mcu.Protection;
import io.mintage.core.mcu.Quirk;
import io.mintage.mcu.McuDescriptorException;
import io.mintage.mcu.McuDescriptorReader;
import io.mintage.mcu.McuDescriptorWriter;
import io.mintage.mcu.json.Json;
import io.mintage.mcu.json.JsonValue;
import io.mintage.mcu.testing.JsonPaths;
import io.mintage.mcu.testing.McuFamilyConformance;

/** The conformance kit plus the STM32F0 facts that matter (reference §B.2, §C.1, §C.2). */
class Stm32f0FamilyTest extends McuFamilyConformance {

	@Override
	protected String familyId() {
		return "stm32f0";
	}

	private McuVariant variant(long pid) {
		return family.variantForDeviceId(pid).orElseThrow(() -> new AssertionError(String.format("no variant 0x%X", pid)));
	}

	@Test
	void noVariantPromisesAUidBecauseEveryIdIsSharedWithAnF030OrF070() {
		for (McuVariant v : family.variants()) {
			assertTrue(v.uid().isEmpty(), v.name());
			assertTrue(v.hasQuirk(Quirk.UID_UNDOCUMENTED), v.name());
			assertEquals(new UidLocation(0x1FFF_F7ACL, 12), v.undocumentedUid().orElseThrow(), v.name());
			assertTrue(v.unverified().containsKey("uid"), v.name());
		}
	}

	@Test
	void pageSizesFollowTheProductId() {
		assertEquals(1024, variant(0x444).sectors().get(0).size());
		assertEquals(32 * 1024, variant(0x444).flash().size());
		assertEquals(1024, variant(0x440).sectors().get(0).size());
		assertEquals(1024, variant(0x445).sectors().get(0).size());
		assertEquals(2048, variant(0x442).sectors().get(0).size());
		assertEquals(256 * 1024, variant(0x442).flash().size());
		assertEquals(2048, variant(0x448).sectors().get(0).size());
	}

	@Test
	void rdpLevel2IsRefusedAndAnyOtherValueIsLevel1() {
		for (McuVariant v : family.variants()) {
			Protection p = v.protection();
			assertEquals(Protection.Scheme.STM32_RDP, p.scheme());
			assertEquals(0x1FFF_F800L, p.address());
			assertEquals(0, p.levelOf(0xAA).orElseThrow().rank());
			assertEquals(1, p.levelOf(0xBB).orElseThrow().rank());
			assertEquals(1, p.levelOf(0xA5).orElseThrow().rank(), "the F1 open value protects an F0");
			assertEquals(Protection.Policy.REFUSED, p.levelOf(0xCC).orElseThrow().policy());
			assertEquals(EraseKind.STM32_EXTENDED_ERASE, v.eraseKind());
			assertEquals(0x1FFF_F7CCL, v.flashSizeRegister().getAsLong());
		}
	}

	@Test
	void emptyCheckBootPartsSayToReloadOptionBytes() {
		assertTrue(variant(0x442).hasQuirk(Quirk.EMPTY_CHECK_BOOT));
		assertTrue(variant(0x445).hasQuirk(Quirk.EMPTY_CHECK_BOOT));
		assertTrue(variant(0x444).hasQuirk(Quirk.DOUBLE_NACK_UNDER_RDP));
	}

	@Test
	void aVariantWithoutUidAndWithoutTheQuirkIsRefused() {
		JsonValue expanded = McuDescriptorWriter.toJson(described().descriptor());
		JsonValue quirks = JsonPaths.get(expanded, "variants[0].quirks");
		int index = 0;
		for (JsonValue quirk : ((JsonValue.JsonArray) quirks).items()) {
			if (JsonPaths.get(quirk, "id").equals(new JsonValue.JsonString(Quirk.UID_UNDOCUMENTED, 0))) {
				break;
			}
			index++;
		}
		byte[] broken = Json.write(JsonPaths.remove(expanded, "variants[0].quirks[" + index + "]"))
				.getBytes(StandardCharsets.UTF_8);
		McuDescriptorException e = assertThrows(McuDescriptorException.class, () -> McuDescriptorReader.read(broken, "f0.json"));
		assertEquals("variants[0].uid", e.field(), e.getMessage());
		assertTrue(e.reason().contains(Quirk.UID_UNDOCUMENTED), e.getMessage());
	}
}
