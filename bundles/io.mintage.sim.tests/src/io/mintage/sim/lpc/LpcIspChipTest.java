package io.mintage.sim.lpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.serial.SerialLine;
import io.mintage.serial.SerialSettings;
import io.mintage.sim.EmulatorHost;
import io.mintage.sim.FlashTiming;
import io.mintage.sim.HostOptions;
import io.mintage.sim.ResetKind;

/**
 * The LPC11C24 ISP emulator spoken to byte by byte, as the manual describes the exchanges, and served
 * by the station's sim command to lpc21isp.
 */
class LpcIspChipTest {

	@TempDir
	Path folder;

	/** Sends text, returns what came back until the line was quiet for 100 ms. */
	private static String say(SerialLine line, String text) throws IOException {
		line.write(text.getBytes(StandardCharsets.ISO_8859_1));
		StringBuilder answer = new StringBuilder();
		byte[] buffer = new byte[512];
		int n;
		while ((n = line.read(buffer, 0, buffer.length, Duration.ofMillis(100))) > 0) {
			answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
		}
		return answer.toString();
	}

	private static EmulatorHost host(LpcIspChip chip) {
		return EmulatorHost.inMemory(chip, HostOptions.of(SerialSettings.noParity(115200)).withoutWireTime());
	}

	private static LpcIspChip chip() {
		return new LpcIspChip(LpcPartModel.LPC11C24, new int[] { 1, 2, 3, 0xFFFFFFFF }, FlashTiming.instant());
	}

	@Test
	void synchronisesEchoesAndAnswersAsTheManualSays() throws Exception {
		try (EmulatorHost host = host(chip())) {
			SerialLine line = host.clientLine();
			assertEquals("Synchronized\r\n", say(line, "?"));
			assertEquals("Synchronized\r\nOK\r\n", say(line, "Synchronized\r\n"));
			assertEquals("12000\r\nOK\r\n", say(line, "12000\r\n"));
			assertEquals("?", say(line, "?"), "once synchronised, '?' is just a character");
			assertEquals("\r\n1\r\n", say(line, "\r\n"));
			assertEquals("J\r\n0\r\n338694187\r\n", say(line, "J\r\n"));
			assertEquals("K\r\n0\r\n1\r\n7\r\n", say(line, "K\r\n"));
			assertEquals("N\r\n0\r\n1\r\n2\r\n3\r\n4294967295\r\n", say(line, "N\r\n"));
			assertEquals("E 0 0\r\n15\r\n", say(line, "E 0 0\r\n"), "locked until U 23130");
			assertEquals("U 1\r\n16\r\n", say(line, "U 1\r\n"));
			assertEquals("U 23130\r\n0\r\n", say(line, "U 23130\r\n"));
			assertEquals("E 1 1\r\n9\r\n", say(line, "E 1 1\r\n"), "not prepared");
			assertEquals("P 0 8\r\n7\r\n", say(line, "P 0 8\r\n"));
			assertEquals("A 0\r\n0\r\n", say(line, "A 0\r\n"));
			assertEquals("0\r\n", say(line, "I 0 7\r\n"), "echo off; a new chip is blank");
			assertEquals("", say(line, "P 0 0" + (char) 0x1B), "ESC cancels the command unrun");
			assertEquals("6\r\n", say(line, "C 0 268436224 100\r\n"));
			assertEquals("17\r\n", say(line, "B 300 1\r\n"));
		}
	}

	@Test
	void writeToRamAsksForResendOnAWrongChecksumAndCopiesToFlash() throws Exception {
		LpcIspChip chip = chip();
		try (EmulatorHost host = host(chip)) {
			SerialLine line = host.clientLine();
			say(line, "?");
			say(line, "Synchronized\r\n");
			say(line, "12000\r\n");
			say(line, "A 0\r\n");
			assertEquals("0\r\n", say(line, "W 268436224 4\r\n"));
			// bytes 14 0F A8 17 (AN11229): checksum 226
			assertEquals("RESEND\r\n", say(line, "$%`^H%P``\r\n225\r\n"));
			assertEquals("OK\r\n", say(line, "$%`^H%P``\r\n226\r\n"));
			assertEquals("0\r\n", say(line, "R 268436224 4\r\n").substring(0, 3));
			say(line, "OK\r\n");
			say(line, "U 23130\r\n");
			assertEquals("0\r\n", say(line, "P 1 1\r\n"));
			assertEquals("0\r\n", say(line, "C 4096 268436224 256\r\n"));
			assertEquals(0x14, chip.flashContents()[4096]);
			assertEquals((byte) 0xA8, chip.flashContents()[4098]);
			assertEquals("8\r\n4096\r\n", say(line, "I 1 1\r\n").substring(0, 9));
		}
	}

	@Test
	void crp1RefusesReadsAndTheSectorZeroEraseAloneAfterReset() throws Exception {
		LpcIspChip chip = chip();
		byte[] crp1 = { 0x78, 0x56, 0x34, 0x12 };
		chip.load(0x2FC, crp1);
		try (EmulatorHost host = host(chip)) {
			SerialLine line = host.clientLine();
			host.reset(ResetKind.RESET_PIN, Duration.ZERO);
			Thread.sleep(50);
			say(line, "?");
			say(line, "Synchronized\r\n");
			say(line, "12000\r\n");
			say(line, "A 0\r\n");
			assertEquals(1, chip.crpLevel());
			say(line, "U 23130\r\n");
			assertEquals("19\r\n", say(line, "R 0 4\r\n"));
			assertEquals("19\r\n", say(line, "M 0 268436224 4\r\n"));
			assertEquals("19\r\n", say(line, "W 268435456 4\r\n"), "below 0x10000300");
			assertEquals("0\r\n", say(line, "W 268436224 4\r\n"));
			assertEquals("OK\r\n", say(line, "$````````\r\n0\r\n"));
			assertEquals("0\r\n", say(line, "P 0 0\r\n"));
			assertEquals("19\r\n", say(line, "E 0 0\r\n"));
			assertEquals("0\r\n", say(line, "P 0 7\r\n"));
			assertEquals("0\r\n", say(line, "E 0 7\r\n"), "erasing everything is allowed");
			assertEquals("338694187\r\n", say(line, "J\r\n").substring(3));
		}
	}

	@Test
	void theSimCommandServesLpc21isp() throws Exception {
		BundleContext context = FrameworkUtil.getBundle(LpcIspChipTest.class).getBundleContext();
		ServiceTracker<Command, Command> tracker = new ServiceTracker<>(context, context.createFilter(
				"(&(objectClass=" + Command.class.getName() + ")(" + Command.NAME + "=sim))"), null);
		tracker.open();
		Command sim = tracker.waitForService(5_000);
		assertNotNull(sim);
		Path link = folder.resolve("lpc1");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		CommandContext commandContext = CommandContext.of(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), folder, folder);
		Thread runner = new Thread(() -> {
			try {
				sim.run(commandContext, List.of("lpc11c24", "--link", link.toString(), "--uid",
						"00112233445566778899aabbccddeeff"));
			} catch (Exception e) {
				e.printStackTrace();
			}
		});
		runner.start();
		for (int i = 0; i < 500 && !Files.exists(link); i++) {
			Thread.sleep(10);
		}
		assertTrue(Files.exists(link), "no link after 5 s");
		Process lpc21isp = new ProcessBuilder("lpc21isp", "-detectonly", "-bin", "/dev/null", link.toString(), "115200",
				"12000").redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
		String output = new String(lpc21isp.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		assertTrue(lpc21isp.waitFor(30, TimeUnit.SECONDS));
		runner.interrupt();
		runner.join(5_000);
		assertTrue(output.contains("LPC11C24.../301, 32 kiB FLASH / 8 kiB SRAM (0x1430102B)"), output);
		assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("emulating LPC11C24/301 (part ID 0x1430102B)"),
				out.toString());
	}
}
