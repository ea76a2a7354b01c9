package io.mintage.station.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.serial.SerialPorts;
import io.mintage.serial.SerialSettings;
import io.mintage.sim.EmulatorHost;
import io.mintage.sim.HostOptions;
import io.mintage.sim.stm32.Stm32Bootloader;
import io.mintage.sim.stm32.Stm32Variant;

/**
 * {@code station identify} against emulated chips on real ptys, through the probe and family services
 * the product has: what an operator sees when plugging in a new adapter.
 */
class IdentifyCommandTest {

	@TempDir
	Path folder;

	private SerialPorts ports;

	@BeforeEach
	void serialPorts() throws Exception {
		BundleContext context = FrameworkUtil.getBundle(IdentifyCommandTest.class).getBundleContext();
		ServiceTracker<SerialPorts, SerialPorts> tracker = new ServiceTracker<>(context, SerialPorts.class, null);
		tracker.open();
		ports = tracker.waitForService(5_000);
		assertNotNull(ports, "no SerialPorts service within 5 s");
	}

	private EmulatorHost chip(Stm32Variant variant, byte[] uid) throws Exception {
		return EmulatorHost.onPty(new Stm32Bootloader(variant, uid, 0.01), folder.resolve("tty-" + variant), ports,
				HostOptions.of(SerialSettings.evenParity(115_200)));
	}

	@Test
	void anStm32f103ShowsFamilyVariantFlashBootloaderAndUidAsJson() throws Exception {
		byte[] uid = HexFormat.of().parseHex("2b0047000e51363236313533");
		try (EmulatorHost host = chip(Stm32Variant.F103XB, uid)) {
			Commands.Result result = Commands.run("station", folder, folder.resolve("state"), "identify", "--site",
					"stm32uart:" + host.clientPath(), "--json");
			assertEquals(0, result.exitCode(), result.toString());
			assertEquals("{\"site\":\"stm32uart:" + host.clientPath() + "\",\"family\":\"stm32f1\",\"variant\":"
					+ "\"STM32F10x medium-density\",\"deviceId\":\"0x410\",\"flashSize\":131072,\"bootloaderVersion\":\"2.2\","
					+ "\"uid\":\"2b0047000e51363236313533\"}", result.out().strip());
		}
	}

	@Test
	void anStm32f407ShowsItsUidInText() throws Exception {
		byte[] uid = HexFormat.of().parseHex("0102030405060708090a0b0c");
		try (EmulatorHost host = chip(Stm32Variant.F407XG, uid)) {
			Commands.Result result = Commands.run("station", folder, folder.resolve("state"), "identify", "--site",
					"stm32uart:" + host.clientPath());
			assertEquals(0, result.exitCode(), result.toString());
			assertTrue(result.out().contains("Family:      STM32F4 (stm32f4)"), result.out());
			assertTrue(result.out().contains("Bootloader:  3.1"), result.out());
			assertTrue(result.out().contains("UID:         0102030405060708090a0b0c"), result.out());
		}
	}

	@Test
	void aWrongSiteIsToldInPlainWords() throws Exception {
		Commands.Result noProbe = Commands.run("station", folder, folder.resolve("state"), "identify", "--site",
				"jtag:/dev/null");
		assertEquals(2, noProbe.exitCode(), noProbe.toString());
		assertTrue(noProbe.err().contains("no probe 'jtag' is installed; known: "), noProbe.err());
		Commands.Result silent = Commands.run("station", folder, folder.resolve("state"), "identify", "--site",
				"stm32uart:" + folder.resolve("nothing-here"));
		assertEquals(1, silent.exitCode(), silent.toString());
		assertTrue(silent.err().contains("nothing-here"), silent.err());
	}
}
