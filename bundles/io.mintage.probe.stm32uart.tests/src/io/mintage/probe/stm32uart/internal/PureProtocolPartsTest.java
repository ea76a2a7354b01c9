package io.mintage.probe.stm32uart.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mintage.probe.stm32uart.internal.EraseUnits.Unit;

/** The parts of the driver that need no chip: frames, checksums, erase units, the address. */
class PureProtocolPartsTest {

	private static byte[] bytes(int... values) {
		byte[] b = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			b[i] = (byte) values[i];
		}
		return b;
	}

	@Test
	void commandsAreTheCodeAndItsComplement() {
		assertArrayEquals(bytes(0x00, 0xFF), Frames.command(Frames.GET));
		assertArrayEquals(bytes(0x31, 0xCE), Frames.command(Frames.WRITE_MEMORY));
		assertArrayEquals(bytes(0x44, 0xBB), Frames.command(Frames.EXTENDED_ERASE));
		assertArrayEquals(bytes(0x21, 0xDE), Frames.command(Frames.GO));
		assertArrayEquals(bytes(0xA1, 0x5E), Frames.command(Frames.GET_CHECKSUM));
	}

	@Test
	void addressesGoMsbFirstWithTheirXor() {
		assertArrayEquals(bytes(0x08, 0x00, 0x00, 0x00, 0x08), Frames.address(0x0800_0000L));
		assertArrayEquals(bytes(0x1F, 0xFF, 0xF7, 0xE8, 0x1F ^ 0xFF ^ 0xF7 ^ 0xE8), Frames.address(0x1FFF_F7E8L));
		assertThrows(IllegalArgumentException.class, () -> Frames.address(0x1_0000_0000L));
	}

	@Test
	void lengthsAndBlocks() {
		assertArrayEquals(bytes(0xFF, 0x00), Frames.readLength(256));
		assertArrayEquals(bytes(0x0B, 0xF4), Frames.readLength(12));
		assertThrows(IllegalArgumentException.class, () -> Frames.readLength(257));
		byte[] frame = Frames.writeBlock(bytes(0, 1, 2, 3, 4, 5, 6, 7), 0, 8);
		assertArrayEquals(bytes(7, 0, 1, 2, 3, 4, 5, 6, 7, 7 ^ 1 ^ 2 ^ 3 ^ 4 ^ 5 ^ 6 ^ 7), frame);
		assertEquals(0, Frames.xor(frame, 0, frame.length), "a block XORs to zero with its checksum");
		assertThrows(IllegalArgumentException.class, () -> Frames.writeBlock(new byte[6], 0, 6));
		assertArrayEquals(bytes(0, 0, 0, 0x40, 0x40), Frames.checksumLength(64));
		assertThrows(IllegalArgumentException.class, () -> Frames.checksumLength(6));
	}

	@Test
	void pageListsOfBothEraseCommands() {
		assertArrayEquals(bytes(0, 17, 17), Frames.pageList(List.of(17)));
		assertArrayEquals(bytes(2, 1, 2, 3, 2 ^ 1 ^ 2 ^ 3), Frames.pageList(List.of(1, 2, 3)));
		assertThrows(IllegalArgumentException.class, () -> Frames.pageList(List.of(256)));
		assertArrayEquals(bytes(0, 0, 0, 5, 5), Frames.extendedPageList(List.of(5)));
		assertArrayEquals(bytes(0, 1, 0x01, 0x02, 0x00, 0x03, 1 ^ 1 ^ 2 ^ 3), Frames.extendedPageList(List.of(0x102, 3)));
		assertArrayEquals(bytes(0xFF, 0x00), Frames.globalErase());
		assertArrayEquals(bytes(0xFF, 0xFF, 0x00), Frames.extendedMassErase());
	}

	@Test
	void theCrcIsTheStm32CrcUnits() {
		// the value the STM32 CRC unit gives for the word 0x12345678 (HAL examples); LE bytes in memory
		assertEquals(0xDF8A8A2B, StmCrc.of(bytes(0x78, 0x56, 0x34, 0x12), 0, 4));
		assertEquals(0xFFFFFFFF, StmCrc.of(new byte[0], 0, 0));
		assertThrows(IllegalArgumentException.class, () -> StmCrc.of(new byte[3], 0, 3));
	}

	@Test
	void f1PagesAreNumberedFromTheStartOfFlash() {
		List<Unit> units = EraseUnits.covering(TestVariants.F103XB, 0x0800_4400L, 1);
		assertEquals(1, units.size());
		assertEquals("page 17 (0x08004400)", units.get(0).describe("page"));
		units = EraseUnits.covering(TestVariants.F103XB, 0x0800_03FEL, 4);
		assertEquals(List.of(0, 1), units.stream().map(Unit::number).toList(), "two bytes either side of a page edge");
		units = EraseUnits.covering(TestVariants.F103XE, 0x0800_1000L, 0x1001);
		assertEquals(List.of(2, 3, 4), units.stream().map(Unit::number).toList(), "2 KiB pages");
		assertEquals("page", EraseUnits.kind(TestVariants.F103XB));
		assertEquals(List.of(63), EraseUnits.covering(TestVariants.F030X8, 0x0800_FC00L, 0x400).stream()
				.map(Unit::number).toList());
	}

	@Test
	void f4SectorsFollowTheirUnevenSizes() {
		assertEquals(List.of(0), numbers(EraseUnits.covering(TestVariants.F407XG, 0x0800_0000L, 0x4000)));
		assertEquals(List.of(3, 4), numbers(EraseUnits.covering(TestVariants.F407XG, 0x0800_FFF0L, 0x20)));
		assertEquals(List.of(5), numbers(EraseUnits.covering(TestVariants.F407XG, 0x0802_0000L, 0x20000)));
		assertEquals(List.of(11), numbers(EraseUnits.covering(TestVariants.F407XG, 0x080F_FFFFL, 1)));
		assertEquals("sector", EraseUnits.kind(TestVariants.F407XG));
		assertEquals(12, TestVariants.F407XG.sectors().size());
		assertTrue(EraseUnits.isWholeFlash(TestVariants.F411XE,
				EraseUnits.covering(TestVariants.F411XE, 0x0800_0000L, 512 * 1024)));
		assertTrue(EraseUnits.isWholeFlash(TestVariants.F411XE,
				EraseUnits.covering(TestVariants.F411XE, 0x0800_0001L, 512 * 1024 - 1)), "every sector is needed");
		assertFalse(EraseUnits.isWholeFlash(TestVariants.F411XE,
				EraseUnits.covering(TestVariants.F411XE, 0x0800_0000L, 384 * 1024)));
	}

	@Test
	void rangesOutsideTheFlashAreRefusedNamingBoth() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> EraseUnits.covering(TestVariants.F030X8, 0x0800_FF00L, 0x200));
		assertEquals("0x0800FF00..0x080100FF is not inside the flash of the STM32F030x8 (0x08000000..0x0800FFFF):"
				+ " nothing was erased", e.getMessage());
	}

	@Test
	void addressesCarryBaudAndBootSequence() throws IOException {
		Stm32UartDriver.Site plain = Stm32UartDriver.Site.parse("/dev/ttyUSB0");
		assertEquals("/dev/ttyUSB0", plain.port());
		assertEquals(115_200, plain.baud());
		assertTrue(plain.boot().isEmpty());
		Stm32UartDriver.Site site = Stm32UartDriver.Site.parse("/dev/ttyUSB1?baud=57600&boot=rts,-dtr,100,dtr");
		assertEquals(57_600, site.baud());
		assertEquals("rts,-dtr,100,dtr", site.boot().orElseThrow().toString());
		assertEquals(4, site.boot().orElseThrow().steps().size());
		IOException unknown = assertThrows(IOException.class,
				() -> Stm32UartDriver.Site.parse("/dev/ttyUSB0?baud=9600&crystal=12000"));
		assertEquals("unknown setting 'crystal' in the address '/dev/ttyUSB0?baud=9600&crystal=12000'; this probe"
				+ " knows: baud, boot, supply", unknown.getMessage());
		IOException fast = assertThrows(IOException.class, () -> Stm32UartDriver.Site.parse("/dev/ttyUSB0?baud=230400"));
		assertEquals("the setting baud=230400 of port /dev/ttyUSB0 is not a whole number from 1200 to 115200",
				fast.getMessage());
		assertThrows(IOException.class, () -> Stm32UartDriver.Site.parse("/dev/ttyUSB0?boot=rts,wiggle"));
		assertTrue(plain.supplyMillivolts().isEmpty());
		assertEquals(3300, Stm32UartDriver.Site.parse("/dev/ttyUSB0?supply=3.3").supplyMillivolts().getAsInt());
		assertEquals(3000, Stm32UartDriver.Site.parse("/dev/ttyUSB0?supply=3").supplyMillivolts().getAsInt());
		assertEquals(1850, Stm32UartDriver.Site.parse("/dev/ttyUSB0?supply=1.85").supplyMillivolts().getAsInt());
		for (String wrong : new String[] { "0.9", "5.6", "3.3V", "33", "-3.3", "3.3333", "" }) {
			IOException e = assertThrows(IOException.class, () -> Stm32UartDriver.Site.parse("/dev/ttyUSB0?supply=" + wrong));
			assertEquals("the setting supply=" + wrong + " of port /dev/ttyUSB0 is not the board's supply voltage in volts"
					+ " from 1.0 to 5.5 (for example supply=3.3)", e.getMessage());
		}
	}

	private static List<Integer> numbers(List<Unit> units) {
		return units.stream().map(Unit::number).toList();
	}
}
