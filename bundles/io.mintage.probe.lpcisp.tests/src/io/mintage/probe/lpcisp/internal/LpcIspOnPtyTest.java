package io.mintage.probe.lpcisp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.core.probe.ProbeDriver;
import io.mintage.core.probe.TargetConnection;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.serial.SerialPorts;
import io.mintage.serial.SerialSettings;
import io.mintage.sim.EmulatorHost;
import io.mintage.sim.FlashTiming;
import io.mintage.sim.HostOptions;
import io.mintage.sim.lpc.LpcIspChip;
import io.mintage.sim.lpc.LpcPartModel;

/**
 * The emulated LPC11C24 behind a socat pty: lpc21isp (an independent ISP client, Debian package
 * lpc21isp, installed by ./mintage test) identifies it and writes with verify; the lpcisp driver, taken
 * from the service registry as a station takes it, does the whole job through SerialPorts.
 */
class LpcIspOnPtyTest {

	@TempDir
	Path folder;

	private SerialPorts ports;
	private BundleContext context;

	@BeforeEach
	void setUp() throws Exception {
		context = FrameworkUtil.getBundle(LpcIspOnPtyTest.class).getBundleContext();
		ServiceTracker<SerialPorts, SerialPorts> tracker = new ServiceTracker<>(context, SerialPorts.class, null);
		tracker.open();
		ports = tracker.waitForService(5_000);
		assertNotNull(ports, "no SerialPorts service within 5 s: is Felix SCR running?");
	}

	private static LpcIspChip chip() {
		return new LpcIspChip(LpcPartModel.LPC11C24, LpcIspChip.uidWords(Lpc11c24Fixture.UID_HEX),
				LpcIspChip.datasheetTiming().scaled(0.1));
	}

	@Test
	void lpc21ispIdentifiesTheChipAndWritesWithVerify() throws Exception {
		LpcIspChip chip = chip();
		byte[] firmware = Lpc11c24Fixture.firmware(10_000, 9);
		Path bin = folder.resolve("fw.bin");
		Files.write(bin, firmware);
		Path log = folder.resolve("lpc21isp.log");
		try (EmulatorHost host = EmulatorHost.onPty(chip, folder.resolve("lpc"), ports,
				HostOptions.of(SerialSettings.noParity(115200)))) {
			// stdin from /dev/null: lpc21isp polls the keyboard for ESC
			Process lpc21isp = new ProcessBuilder("lpc21isp", "-bin", "-verify", bin.toString(),
					host.clientPath().toString(), "115200", "12000").redirectInput(Redirect.from(new File("/dev/null")))
					.redirectErrorStream(true).redirectOutput(log.toFile()).start();
			assertTrue(lpc21isp.waitFor(60, TimeUnit.SECONDS), "lpc21isp did not finish within 60 s");
			String output = Files.readString(log, StandardCharsets.ISO_8859_1);
			assertEquals(0, lpc21isp.exitValue(), output);
			assertTrue(output.contains("LPC11C24.../301, 32 kiB FLASH / 8 kiB SRAM (0x1430102B)"), output);
			assertTrue(output.contains("Download Finished and Verified correct"), output);
			assertArrayEquals(VectorChecksum.patched(firmware), Arrays.copyOf(chip.flashContents(), firmware.length));
			long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
			while (chip.state() != LpcIspChip.State.USER_CODE && System.nanoTime() < end) {
				Thread.sleep(5);
			}
			assertEquals(LpcIspChip.State.USER_CODE, chip.state(), "lpc21isp ends with G 0 T");
		}
	}

	@Test
	void theDriverServiceDoesTheJobThroughSerialPorts() throws Exception {
		ServiceTracker<ProbeDriver, ProbeDriver> tracker = new ServiceTracker<>(context,
				context.createFilter("(&(objectClass=" + ProbeDriver.class.getName() + ")(" + ProbeDriver.TYPE + "=lpcisp))"),
				null);
		tracker.open();
		ProbeDriver driver = tracker.waitForService(5_000);
		assertNotNull(driver, "no ProbeDriver with mintage.probe.type=lpcisp within 5 s");
		java.io.IOException typo = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
				() -> driver.connect("/dev/null?bauds=115200", ProgressMonitor.NONE));
		assertTrue(typo.getMessage().contains("unknown setting 'bauds'"), typo.getMessage());
		java.io.IOException rate = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
				() -> driver.connect("/dev/null?baud=230400", ProgressMonitor.NONE));
		assertTrue(rate.getMessage().contains("baud=230400"), rate.getMessage());
		LpcIspChip chip = chip();
		byte[] firmware = Lpc11c24Fixture.firmware(6000, 10);
		try (EmulatorHost host = EmulatorHost.onPty(chip, folder.resolve("lpc"), ports,
				HostOptions.of(SerialSettings.noParity(LpcIspConnection.SYNC_BAUD)));
				TargetConnection c = driver.connect(host.clientPath() + "?baud=115200&crystal=12000", ProgressMonitor.NONE)) {
			assertEquals(0x1430102BL, c.identify().deviceId());
			assertEquals("67452301EFCDAB8933221100" + "77665544", c.readUid(Lpc11c24Fixture.variant()).toString());
			c.erase(Lpc11c24Fixture.variant(), 0, firmware.length, ProgressMonitor.NONE);
			c.write(0, firmware, ProgressMonitor.NONE);
			assertArrayEquals(VectorChecksum.patched(firmware), c.read(0, firmware.length, ProgressMonitor.NONE));
			c.protect(2);
			c.run(0);
			long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
			while (chip.state() != LpcIspChip.State.USER_CODE && System.nanoTime() < end) {
				Thread.sleep(5);
			}
			assertEquals(LpcIspChip.State.USER_CODE, chip.state());
			host.reset(io.mintage.sim.ResetKind.RESET_PIN, java.time.Duration.ZERO);
			end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
			while (chip.crpLevel() != 2 && System.nanoTime() < end) {
				Thread.sleep(5);
			}
			assertEquals(2, chip.crpLevel(), "CRP2 from the reset on");
		}
	}
}
