package io.mintage.serial.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.serial.ControlSequence;
import io.mintage.serial.PtyPair;
import io.mintage.serial.SerialLine;
import io.mintage.serial.SerialPorts;
import io.mintage.serial.SerialSettings;
import io.mintage.serial.SerialTimeoutException;

/**
 * The jSerialComm service on real pty pairs made by socat, taken from the OSGi service registry as
 * the products take it. A fresh pair per test: bytes left in a pty would reach the next test.
 */
class SerialPortsTest {

	@TempDir
	Path folder;

	private PtyPair pair;
	private SerialPorts ports;

	@BeforeEach
	void setUp() throws Exception {
		BundleContext context = FrameworkUtil.getBundle(SerialPortsTest.class).getBundleContext();
		ServiceTracker<SerialPorts, SerialPorts> tracker = new ServiceTracker<>(context, SerialPorts.class, null);
		tracker.open();
		ports = tracker.waitForService(5_000);
		assertNotNull(ports, "no SerialPorts service within 5 s: is Felix SCR running?");
		pair = PtyPair.create(folder.resolve("ttyA"), folder.resolve("ttyB"));
	}

	@AfterEach
	void tearDown() {
		pair.close();
	}

	@Test
	void bytesGoBothWaysUnchanged() throws Exception {
		byte[] data = new byte[3000];
		new Random(7).nextBytes(data);
		try (SerialLine a = ports.open(pair.first().toString(), SerialSettings.noParity(115200));
				SerialLine b = ports.open(pair.second().toString(), SerialSettings.noParity(115200))) {
			a.write(data);
			assertArrayEquals(data, b.readExactly(data.length, Duration.ofSeconds(5)));
			b.write((byte) 0x79, (byte) 0x1F, (byte) 0x00, (byte) 0xFF);
			assertArrayEquals(new byte[] { 0x79, 0x1F, 0x00, (byte) 0xFF }, a.readExactly(4, Duration.ofSeconds(2)));
		}
	}

	@Test
	void aReadWaitsForItsTimeoutAndNoLonger() throws Exception {
		try (SerialLine a = ports.open(pair.first().toString(), SerialSettings.noParity(115200))) {
			byte[] buffer = new byte[8];
			long start = System.nanoTime();
			assertEquals(0, a.read(buffer, 0, buffer.length, Duration.ofMillis(200)));
			long millis = (System.nanoTime() - start) / 1_000_000;
			assertTrue(millis >= 190 && millis < 1_000, "read returned after " + millis + " ms, not about 200");
			assertEquals(0, a.read(buffer, 0, buffer.length, Duration.ZERO), "nothing there, no wait");
			SerialTimeoutException e = assertThrows(SerialTimeoutException.class,
					() -> a.readExactly(4, Duration.ofMillis(100)));
			assertEquals(0, e.received());
			assertTrue(e.getMessage().contains("no answer within 100 ms"), e.getMessage());
		}
	}

	@Test
	void aPartialAnswerIsNamedInTheTimeout() throws Exception {
		try (SerialLine a = ports.open(pair.first().toString(), SerialSettings.noParity(115200));
				SerialLine b = ports.open(pair.second().toString(), SerialSettings.noParity(115200))) {
			b.write(new byte[] { 1, 2 });
			SerialTimeoutException e = assertThrows(SerialTimeoutException.class,
					() -> a.readExactly(5, Duration.ofMillis(300)));
			assertEquals(2, e.received());
			assertTrue(e.getMessage().contains("only 2 of 5 bytes"), e.getMessage());
		}
	}

	@Test
	void parityIsDroppedOnAPty() throws Exception {
		// 8E1 is what the STM32 bootloader wants; a pty cannot carry it and Linux refuses to set it
		try (SerialLine a = ports.open(pair.first().toString(), SerialSettings.evenParity(115200));
				SerialLine b = ports.open(pair.second().toString(), SerialSettings.evenParity(57600))) {
			assertEquals(SerialSettings.noParity(115200), a.settings());
			assertEquals(SerialSettings.Parity.NONE, b.settings().parity());
			assertTrue(((JSerialCommLine) a).isPty());
			a.write((byte) 0x7F);
			assertArrayEquals(new byte[] { 0x7F }, b.readExactly(1, Duration.ofSeconds(1)));
		}
	}

	@Test
	void theBaudRateCanChange() throws Exception {
		try (SerialLine a = ports.open(pair.first().toString(), SerialSettings.noParity(115200))) {
			a.setBaudRate(9600);
			assertEquals(9600, a.settings().baudRate());
		}
	}

	@Test
	void discardInputDropsWhatCameBefore() throws Exception {
		try (SerialLine a = ports.open(pair.first().toString(), SerialSettings.noParity(115200));
				SerialLine b = ports.open(pair.second().toString(), SerialSettings.noParity(115200))) {
			b.write(new byte[] { 9, 9, 9 });
			Thread.sleep(100);
			a.discardInput();
			b.write((byte) 5);
			assertArrayEquals(new byte[] { 5 }, a.readExactly(1, Duration.ofSeconds(1)));
		}
	}

	@Test
	void controlIsRefusedPlainlyOnAPty() throws Exception {
		try (SerialLine a = ports.open(pair.first().toString(), SerialSettings.evenParity(115200))) {
			IOException e = assertThrows(IOException.class, () -> a.control(ControlSequence.parse("rts,-dtr,100,dtr")));
			assertTrue(e.getMessage().contains(pair.first() + " is a pty"), e.getMessage());
			assertTrue(e.getMessage().contains("no DTR or RTS"), e.getMessage());
			assertTrue(e.getMessage().contains("'rts,-dtr,100,dtr'"), e.getMessage());
		}
	}

	@Test
	void aClosedPeerIsAnIoErrorInPlainWords() throws Exception {
		SerialLine a = ports.open(pair.first().toString(), SerialSettings.noParity(115200));
		try {
			pair.close();
			IOException e = assertThrows(IOException.class,
					() -> a.read(new byte[4], 0, 4, Duration.ofSeconds(2)));
			assertTrue(e.getMessage().contains("the line is gone"), e.getMessage());
			assertTrue(e.getMessage().contains(pair.first().toString()), e.getMessage());
		} finally {
			a.close();
		}
	}

	@Test
	void aMissingPortIsNamed() {
		String missing = folder.resolve("no-such-tty").toString();
		IOException e = assertThrows(IOException.class, () -> ports.open(missing, SerialSettings.noParity(115200)));
		assertEquals("there is no serial port at " + missing, e.getMessage());
	}

	@Test
	void theNativeLibraryIsLoadedFromAPrivateFolder() throws Exception {
		try (SerialLine a = ports.open(pair.first().toString(), SerialSettings.noParity(115200))) {
			Path library = Path.of(System.getProperty(NativeLibraryFolder.LIBRARY_PATH_PROPERTY));
			assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(library)));
			assertTrue(Files.isRegularFile(library.resolve("Linux/x86_64/libjSerialComm.so")));
		}
	}
}
