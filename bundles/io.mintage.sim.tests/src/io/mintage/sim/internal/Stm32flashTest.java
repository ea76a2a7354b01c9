package io.mintage.sim.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.serial.SerialPorts;
import io.mintage.sim.EmulatorHost;
import io.mintage.sim.HostOptions;
import io.mintage.sim.stm32.Stm32Bootloader;
import io.mintage.sim.stm32.Stm32Variant;

/**
 * Independent proof: stm32flash 0.7, a client written from AN3155 by other people, talks to the
 * emulated chips on a real pty as it would to a USB-UART adapter. Only -m 8n1 works on a pty (Linux
 * refuses parity there). Flash times are scaled down a hundredfold to keep the run short; the wire
 * model still runs at 115200 Bd 8E1.
 */
class Stm32flashTest {

	private static final double FLASH_TIME = 0.01;

	@TempDir
	Path folder;

	private SerialPorts ports;

	@BeforeEach
	void services() throws Exception {
		BundleContext context = FrameworkUtil.getBundle(Stm32flashTest.class).getBundleContext();
		ServiceTracker<SerialPorts, SerialPorts> tracker = new ServiceTracker<>(context, SerialPorts.class, null);
		tracker.open();
		ports = tracker.waitForService(5_000);
		assertNotNull(ports, "no SerialPorts service within 5 s");
	}

	private record Run(int exit, String output) {
	}

	private Run stm32flash(Path link, String... options) throws Exception {
		List<String> command = new ArrayList<>(List.of("stm32flash", "-m", "8n1", "-b", "115200"));
		command.addAll(Arrays.asList(options));
		command.add(link.toString());
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(new File("/dev/null"))
					.start();
		} catch (java.io.IOException e) {
			throw new AssertionError("stm32flash is missing: './mintage test' installs it (apt-get install stm32flash)", e);
		}
		byte[] out = process.getInputStream().readAllBytes();
		assertTrue(process.waitFor(120, TimeUnit.SECONDS), "stm32flash did not finish");
		return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
	}

	private EmulatorHost host(Stm32Bootloader chip) throws Exception {
		return EmulatorHost.onPty(chip, folder.resolve("tty"), ports,
				HostOptions.of(io.mintage.serial.SerialSettings.evenParity(115200)));
	}

	private static int number(String output, String regex) {
		Matcher m = Pattern.compile(regex).matcher(output);
		assertTrue(m.find(), "no '" + regex + "' in:\n" + output);
		return Integer.parseInt(m.group(1), 16);
	}

	@ParameterizedTest
	@EnumSource(Stm32Variant.class)
	void stm32flashIdentifiesEveryVariant(Stm32Variant variant) throws Exception {
		Stm32Bootloader chip = new Stm32Bootloader(variant, Stm32Bootloader.defaultUid(variant), FLASH_TIME);
		try (EmulatorHost host = host(chip)) {
			Run run = stm32flash(host.clientPath());
			assertEquals(0, run.exit(), run.output());
			assertEquals(variant.pid, number(run.output(), "Device ID\\s*:\\s*0x([0-9a-fA-F]+)"), run.output());
			assertEquals(variant.protocol, number(run.output(), "Version\\s*:\\s*0x([0-9a-fA-F]+)"), run.output());
			Matcher flash = Pattern.compile("Flash\\s*:\\s*Up to (\\d+)KiB").matcher(run.output());
			assertTrue(flash.find(), run.output());
			assertEquals(variant.flashKib, Integer.parseInt(flash.group(1)), run.output());
			assertTrue(host.failure().isEmpty(), () -> host.failure().get().toString());
		}
	}

	@ParameterizedTest
	@EnumSource(value = Stm32Variant.class, names = { "F030X8", "F103XB", "F407XG" })
	void writesVerifiesReadsBackAndErases(Stm32Variant variant) throws Exception {
		Stm32Bootloader chip = new Stm32Bootloader(variant, Stm32Bootloader.defaultUid(variant), FLASH_TIME);
		byte[] image = new byte[6_000];
		new Random(variant.pid).nextBytes(image);
		Path file = folder.resolve("fw.bin");
		Files.write(file, image);
		Path back = folder.resolve("back.bin");
		try (EmulatorHost host = host(chip)) {
			Run write = stm32flash(host.clientPath(), "-w", file.toString(), "-v");
			assertEquals(0, write.exit(), write.output());
			assertArrayEquals(image, Arrays.copyOf(chip.flashContents(), image.length), "what the chip holds");

			Run read = stm32flash(host.clientPath(), "-r", back.toString(), "-S", "0x08000000:" + image.length);
			assertEquals(0, read.exit(), read.output());
			assertArrayEquals(image, Files.readAllBytes(back), "what stm32flash read back");

			Run erase = stm32flash(host.clientPath(), "-o");
			assertEquals(0, erase.exit(), erase.output());
			assertTrue(allErased(chip.flashContents()), "flash erased");
		}
	}

	@Test
	void theUidAndFlashSizeRegisterReadAsConfigured() throws Exception {
		byte[] uid = HexFormat.of().parseHex("0123456789abcdef00112233");
		Stm32Bootloader chip = new Stm32Bootloader(Stm32Variant.F103XE, uid, FLASH_TIME);
		Path back = folder.resolve("uid.bin");
		try (EmulatorHost host = host(chip)) {
			// 0x1FFFF7E0: flash size (KiB, 16 bits) then, at 0x1FFFF7E8, the 12-byte UID
			Run read = stm32flash(host.clientPath(), "-r", back.toString(), "-S", "0x1FFFF7E0:20");
			assertEquals(0, read.exit(), read.output());
			byte[] bytes = Files.readAllBytes(back);
			assertEquals(512, (bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8);
			assertArrayEquals(uid, Arrays.copyOfRange(bytes, 8, 20));
		}
	}

	@ParameterizedTest
	@EnumSource(value = Stm32Variant.class, names = { "F072XB", "F103XB", "F411XE" })
	void readoutProtectionAndUnprotectWithMassErase(Stm32Variant variant) throws Exception {
		Stm32Bootloader chip = new Stm32Bootloader(variant, Stm32Bootloader.defaultUid(variant), FLASH_TIME);
		chip.preload(Stm32Variant.FLASH_BASE, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
		Path back = folder.resolve("back.bin");
		try (EmulatorHost host = host(chip)) {
			Run protect = stm32flash(host.clientPath(), "-j");
			assertEquals(0, protect.exit(), protect.output());
			assertTrue(chip.readoutProtected(), "RDP set");
			assertNotEquals(variant.kind.rdpOpen, chip.rdp());

			Run info = stm32flash(host.clientPath());
			assertEquals(0, info.exit(), "Get, Get Version and Get ID still answer:\n" + info.output());
			Run read = stm32flash(host.clientPath(), "-r", back.toString(), "-S", "0x08000000:8");
			assertNotEquals(0, read.exit(), "a read under readout protection must fail:\n" + read.output());
			assertFalse(allErased(chip.flashContents()), "protection alone keeps the flash");

			Run unprotect = stm32flash(host.clientPath(), "-k");
			assertEquals(0, unprotect.exit(), unprotect.output());
			assertFalse(chip.readoutProtected(), "RDP back to level 0");
			assertEquals(variant.kind.rdpOpen, chip.rdp());
			assertTrue(allErased(chip.flashContents()), "leaving readout protection mass-erases the flash");
			assertTrue(host.failure().isEmpty(), () -> host.failure().get().toString());
		}
	}

	private static boolean allErased(byte[] flash) {
		for (byte b : flash) {
			if (b != (byte) 0xFF) {
				return false;
			}
		}
		return true;
	}
}
