package io.mintage.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.mintage.core.DeviceUid;

class DeviceUidTest {

	@Test
	void parsesWithSeparatorsAndPrintsUpperCaseHex() {
		DeviceUid uid = DeviceUid.parse("00:1f 00 2b 33:47 50 18 20 36 38 39");
		assertEquals(12, uid.length());
		assertEquals("001F002B3347501820363839", uid.toString());
		assertEquals(uid, DeviceUid.of(uid.bytes()));
	}

	@Test
	void refusesEmptyOversizedAndNonHex() {
		assertThrows(IllegalArgumentException.class, () -> DeviceUid.of(new byte[0]));
		assertThrows(IllegalArgumentException.class, () -> DeviceUid.of(new byte[17]));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceUid.parse("12zz"));
		assertEquals("'12zz' is not a device UID in hex (up to 32 hex digits)", e.getMessage());
	}
}
