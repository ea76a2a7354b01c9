package io.mintage.probe.stm32uart.internal;

import static io.mintage.probe.stm32uart.internal.DriverAgainstEmulatorTest.image;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.core.DeviceUid;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.probe.ProbeDriver;
import io.mintage.core.probe.TargetConnection;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.serial.SerialPorts;
import io.mintage.serial.SerialSettings;
import io.mintage.sim.EmulatorHost;
import io.mintage.sim.HostOptions;
import io.mintage.sim.stm32.Stm32Bootloader;
import io.mintage.sim.stm32.Stm32Variant;

/**
 * The driver as the products get it — the DS component registered under mintage.probe.type=stm32uart
 * — on a real pty made by socat, opened through the SerialPorts service like a USB adapter, with
 * the emulator modelling 115200 Bd 8E1 on the wire and a hundredth of the datasheet flash times.
 */
class OnAPtyTest {

	@TempDir
	Path folder;

	private SerialPorts ports;
	private ProbeDriver driver;

	@BeforeEach
	void services() throws Exception {
		BundleContext context = FrameworkUtil.getBundle(OnAPtyTest.class).getBundleContext();
		ServiceTracker<SerialPorts, SerialPorts> portTracker = new ServiceTracker<>(context, SerialPorts.class, null);
		portTracker.open();
		ports = portTracker.waitForService(5_000);
		assertNotNull(ports, "no SerialPorts service within 5 s");
		ServiceTracker<ProbeDriver, ProbeDriver> driverTracker = new ServiceTracker<>(context,
				context.createFilter("(&(objectClass=" + ProbeDriver.class.getName() + ")(" + ProbeDriver.TYPE
						+ "=stm32uart))"),
				null);
		driverTracker.open();
		driver = driverTracker.waitForService(5_000);
		assertNotNull(driver, "no ProbeDriver with mintage.probe.type=stm32uart within 5 s");
	}

	private EmulatorHost host(Stm32Bootloader chip, List<String> trace) throws IOException {
		return EmulatorHost.onPty(chip, folder.resolve("tty"), ports,
				HostOptions.of(SerialSettings.evenParity(115_200)).withTrace(trace::add));
	}

	@ParameterizedTest
	@EnumSource(value = Stm32Variant.class, names = { "F030X8", "F103XE", "F407XG" })
	void identifiesErasesProgramsAndReadsBack(Stm32Variant emulated) throws Exception {
		McuVariant variant = Bench.descriptor(emulated);
		Stm32Bootloader chip = new Stm32Bootloader(emulated, Stm32Bootloader.defaultUid(emulated), 0.01);
		List<String> trace = new CopyOnWriteArrayList<>();
		chip.preload(TestVariants.FLASH, new byte[(int) variant.sectors().get(2).end() - (int) TestVariants.FLASH]);
		try (EmulatorHost host = host(chip, trace);
				TargetConnection connection = driver.connect(host.clientPath() + "?baud=115200", ProgressMonitor.NONE)) {
			assertEquals(emulated.pid, connection.identify().deviceId());
			assertEquals(emulated.protocol, connection.identify().bootloaderVersion());
			assertEquals(DeviceUid.of(Stm32Bootloader.defaultUid(emulated)), connection.readUid(variant));
			assertFalse(connection.isReadProtected());
			long second = variant.sectors().get(1).start();
			byte[] data = image(600, emulated.ordinal());
			connection.erase(variant, second, data.length, ProgressMonitor.NONE);
			connection.write(second, data, ProgressMonitor.NONE);
			assertArrayEquals(data, connection.read(second, data.length, ProgressMonitor.NONE));
			byte[] flash = chip.flashContents();
			int firstSize = (int) variant.sectors().get(0).size();
			assertArrayEquals(new byte[firstSize], Arrays.copyOf(flash, firstSize), "unit 0 untouched");
			int third = (int) (variant.sectors().get(2).start() - TestVariants.FLASH);
			assertArrayEquals(new byte[(int) variant.sectors().get(2).size()],
					Arrays.copyOfRange(flash, third, third + (int) variant.sectors().get(2).size()), "unit 2 untouched");
		}
		assertTrue(trace.stream().anyMatch(e -> e.startsWith("ERASE 1 ")), trace.toString());
	}

	@Test
	void protectsAndUnprotectsAcrossTheChipsResets() throws Exception {
		Stm32Bootloader chip = new Stm32Bootloader(Stm32Variant.F103XB, Stm32Bootloader.defaultUid(Stm32Variant.F103XB),
				0.01);
		try (EmulatorHost host = host(chip, new CopyOnWriteArrayList<>());
				TargetConnection connection = driver.connect(host.clientPath().toString(), ProgressMonitor.NONE)) {
			connection.write(TestVariants.FLASH, image(256, 5), ProgressMonitor.NONE);
			connection.protect(1);
			assertTrue(connection.isReadProtected());
			assertTrue(chip.readoutProtected());
			connection.unprotect(ProgressMonitor.NONE);
			assertFalse(connection.isReadProtected());
			byte[] blank = new byte[256];
			Arrays.fill(blank, (byte) 0xFF);
			assertArrayEquals(blank, connection.read(TestVariants.FLASH, 256, ProgressMonitor.NONE));
		}
	}

	@Test
	void aBootSequenceOnAPtyIsRefusedInPlainWords() throws Exception {
		Stm32Bootloader chip = new Stm32Bootloader(Stm32Variant.F407XG, Stm32Bootloader.defaultUid(Stm32Variant.F407XG),
				0.01);
		try (EmulatorHost host = host(chip, new CopyOnWriteArrayList<>())) {
			IOException e = assertThrows(IOException.class,
					() -> driver.connect(host.clientPath() + "?boot=rts,-dtr,10,dtr", ProgressMonitor.NONE));
			assertTrue(e.getMessage().contains("is a pty") && e.getMessage().contains("'rts,-dtr,10,dtr'"),
					e.getMessage());
			IOException typo = assertThrows(IOException.class,
					() -> driver.connect(host.clientPath() + "?baud=115200&bood=rts", ProgressMonitor.NONE));
			assertTrue(typo.getMessage().startsWith("unknown setting 'bood'"), typo.getMessage());
			// the port was closed again both times: the driver can open it once more
			try (TargetConnection connection = driver.connect(host.clientPath().toString(), ProgressMonitor.NONE)) {
				assertEquals(Stm32Variant.F407XG.pid, connection.identify().deviceId());
			}
		}
	}

	@Test
	void theServiceSaysWhatItIs() {
		assertEquals("stm32uart", driver.type());
		assertEquals("STM32 USART bootloader (AN3155)", driver.displayName());
	}
}
