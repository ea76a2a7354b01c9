package io.mintage.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.mintage.core.mcu.McuFamily;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.mcu.SupplyRanges;
import io.mintage.core.probe.ProbeDriver;
import io.mintage.core.probe.TargetConnection;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.mcu.lpc11c24.Lpc11c24Family;
import io.mintage.mcu.stm32f1.Stm32f1Family;
import io.mintage.mcu.stm32f4.Stm32f4Family;
import io.mintage.probe.lpcisp.internal.LpcIspDriver;
import io.mintage.probe.stm32uart.internal.Stm32UartDriver;
import io.mintage.serial.SerialPorts;
import io.mintage.serial.SerialSettings;
import io.mintage.serial.internal.JSerialCommPorts;
import io.mintage.sim.EmulatorFactory;
import io.mintage.sim.FlashTiming;
import io.mintage.sim.lpc.LpcEmulatorFactory;
import io.mintage.sim.lpc.LpcIspChip;
import io.mintage.sim.stm32.Stm32EmulatorFactory;
import io.mintage.sim.stm32.Stm32Variant;

/**
 * Programs the same image into the same emulated chip with our probe driver and with the peer tool
 * (stm32flash, lpc21isp), side by side in one run, write plus verify, and sets both against the bound
 * the line rate and the flash timing allow. Each chip runs in a JVM of its own ({@link ChipServer}).
 * Emulators model the wire (every byte takes its bits at the
 * baud rate) and the datasheet program/erase times, so the ratios mean what they would on a chip.
 *
 * Usage: FlashBench [RUNS] [--only lpc|stm32] — prints a Markdown table for docs/performance.md.
 */
public final class FlashBench {

	private static final int BAUD = 115_200;
	private static final long STM32_BASE = 0x0800_0000L;

	/**
	 * One benchmark case: a chip, an image size, how the peer tool programs it, and the board's supply
	 * our site address gives, if any ({@code supply=3.3}, which lets an STM32F4 program words).
	 */
	private record Case(String label, String family, String variant, int size, long base, EmulatorFactory factory,
			McuFamily mcu, ProbeDriver driver, String peer, OptionalInt supplyMillivolts) {

		String siteSettings() {
			return supplyMillivolts.isEmpty() ? "" : "&supply=" + SupplyRanges.volts(supplyMillivolts.getAsInt());
		}
	}

	private FlashBench() {
	}

	public static void main(String[] args) throws Exception {
		int runs = 3;
		String only = null;
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--only") && i + 1 < args.length) {
				only = args[++i].toLowerCase(Locale.ROOT);
			} else {
				runs = Integer.parseInt(args[i]);
			}
		}
		SerialPorts ports = new JSerialCommPorts();
		Path work = Files.createTempDirectory("mintage-bench");
		List<Case> cases = List.of(
				new Case("STM32F103xB, 64 KiB", "stm32f1", "f103xb", 64 * 1024, STM32_BASE, new Stm32EmulatorFactory(),
						new Stm32f1Family(), new Stm32UartDriver(ports), "stm32flash", OptionalInt.empty()),
				new Case("STM32F407xG, 64 KiB, 3.3 V board", "stm32f4", "f407xg", 64 * 1024, STM32_BASE,
						new Stm32EmulatorFactory(), new Stm32f4Family(), new Stm32UartDriver(ports), "stm32flash",
						OptionalInt.of(3300)),
				new Case("LPC11C24, 32 KiB", "lpc11c24", "301", 32 * 1024, 0, new LpcEmulatorFactory(),
						new Lpc11c24Family(), new LpcIspDriver(ports), "lpc21isp", OptionalInt.empty()));
		System.out.printf(Locale.ROOT, "Programming with verify at %d Bd, modelled wire and flash timing, %d run(s),"
				+ " median shown%n%n", BAUD, runs);
		System.out.println("| chip, image | peer tool | peer (s) | Mintage (s) | Mintage / peer | bound (s) | Mintage / bound |");
		System.out.println("|---|---|---|---|---|---|---|");
		for (Case c : cases) {
			if (only != null && !c.family().startsWith(only)) {
				continue;
			}
			byte[] image = image(c);
			Path file = work.resolve(c.family() + ".bin");
			Files.write(file, image);
			List<Double> peer = new ArrayList<>();
			List<Double> ours = new ArrayList<>();
			for (int run = 0; run < runs; run++) {
				peer.add(timePeer(c, file, work));
				ours.add(timeOurs(c, image, work));
				System.err.printf(Locale.ROOT, "  %s run %d: peer %.3f s, ours %.3f s%n", c.label(), run + 1,
						peer.get(run), ours.get(run));
			}
			double peerMedian = median(peer);
			double ourMedian = median(ours);
			double bound = bound(c, image);
			System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.3f | %.2f | %.3f |%n", c.label(), c.peer(),
					peerMedian, ourMedian, ourMedian / peerMedian, bound, ourMedian / bound);
		}
	}

	/** Incompressible, and never the erased value in whole pages, so no tool can skip anything. */
	private static byte[] image(Case c) {
		byte[] image = new byte[c.size()];
		new Random(0x5EED).nextBytes(image);
		return image;
	}

	/** The chip in its own JVM (see {@link ChipServer}); closing it ends that process. */
	private record Chip(Process process, String port) implements AutoCloseable {

		@Override
		public void close() throws Exception {
			process.getOutputStream().close();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	private static Chip host(Case c, Path work) throws IOException {
		Path link = work.resolve("chip-" + c.family());
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), ChipServer.class.getName(), c.family(), c.variant(), link.toString(),
				Integer.toString(BAUD)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		String ready = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
				.readLine();
		if (ready == null || !ready.startsWith("ready ")) {
			process.destroyForcibly();
			throw new IOException("the emulated " + c.label() + " did not start");
		}
		return new Chip(process, ready.substring("ready ".length()));
	}

	private static double timePeer(Case c, Path file, Path work) throws Exception {
		try (Chip chip = host(c, work)) {
			String port = chip.port();
			List<String> command = c.peer().equals("stm32flash")
					? List.of("stm32flash", "-m", "8n1", "-b", Integer.toString(BAUD), "-w", file.toString(), "-v", "-S",
							String.format("0x%08X:%d", c.base(), c.size()), port)
					: List.of("lpc21isp", "-bin", "-verify", file.toString(), port, Integer.toString(BAUD), "12000");
			long start = System.nanoTime();
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
					.redirectOutput(work.resolve(c.peer() + ".log").toFile()).start();
			if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(c.peer() + " failed on " + c.label() + "; see "
						+ work.resolve(c.peer() + ".log"));
			}
			return seconds(System.nanoTime() - start);
		}
	}

	private static double timeOurs(Case c, byte[] image, Path work) throws Exception {
		try (Chip chip = host(c, work)) {
			long start = System.nanoTime();
			try (TargetConnection connection = c.driver().connect(chip.port() + "?baud=" + BAUD + c.siteSettings(),
					ProgressMonitor.NONE)) {
				long connected = System.nanoTime();
				TargetConnection.TargetIdentity identity = connection.identify();
				McuVariant variant = c.mcu().variantForDeviceId(identity.deviceId()).orElseThrow(
						() -> new IllegalStateException("no variant for device ID " + identity.deviceId()));
				// as the station does once it knows the chip: an F4 on a 3.3 V site is told to program words
				connection.configureFor(variant);
				connection.erase(variant, c.base(), c.size(), ProgressMonitor.NONE);
				long erased = System.nanoTime();
				// write verifies every block as it goes (TargetConnection.write), like stm32flash -v and
				// lpc21isp -verify do
				connection.write(c.base(), image, ProgressMonitor.NONE);
				System.err.printf(Locale.ROOT, "    ours: connect %.3f s, erase %.3f s, write+verify %.3f s%n",
						seconds(connected - start), seconds(erased - connected), seconds(System.nanoTime() - erased));
			}
			return seconds(System.nanoTime() - start);
		}
	}

	/**
	 * What the protocol cannot go below at this baud rate: every byte the exchange must carry in both
	 * directions at its wire time, plus the erase and program times of the flash, with no host or
	 * turnaround time at all. For the LPC ISP the count is exact, command by command
	 * ({@link #lpcWireBytes}).
	 */
	private static double bound(Case c, byte[] image) {
		SerialSettings wire = c.factory().wire(BAUD);
		long blocks = (c.size() + 255) / 256;
		if (c.peer().equals("stm32flash")) {
			Stm32Variant variant = Stm32Variant.valueOf(c.variant().toUpperCase(Locale.ROOT));
			FlashTiming timing = variant.flashTiming();
			// Write Memory: 2 command + ACK + 5 address + ACK + count + 256 data + checksum + ACK = 268
			// Read Memory (verify): 2 + ACK + 5 + ACK + 2 count + ACK + 256 data = 268
			long wireBytes = blocks * (268 + 268);
			// the widest programming the site's supply allows (the F4's words at 3.3 V: one 4-byte
			// Write Memory to select it) against the flash's own unit (bytes on the F4, half-words on the F1)
			int width = widestProgramming(c, variant.pid);
			if (width > timing.programUnit()) {
				wireBytes += 2 + 1 + 5 + 1 + 1 + 4 + 1 + 1;
			}
			Duration flash = timing.program(c.size()).multipliedBy(timing.programUnit())
					.dividedBy(Math.max(width, timing.programUnit()));
			long erased = 0;
			for (int block : variant.eraseBlocks()) {
				if (erased >= c.size()) {
					break;
				}
				flash = flash.plus(timing.erase(block));
				erased += block;
			}
			return seconds(wireBytes * wire.nanosPerByte() + flash.toNanos());
		}
		// LPC: see lpcWireBytes for what the exchange must carry; the cheaper of echo on and A 0
		long echoOn = lpcBound(image, true, wire);
		long echoOff = lpcBound(image, false, wire);
		System.err.printf(Locale.ROOT, "  LPC bound: %d wire bytes with echo on (%.3f s), %d with A 0 (%.3f s)%n",
				lpcWireBytes(image, true), seconds(echoOn), lpcWireBytes(image, false), seconds(echoOff));
		return seconds(Math.min(echoOn, echoOff));
	}

	/** Bytes per flash operation at the case's supply; 1 without one or where the family has no choice. */
	private static int widestProgramming(Case c, long deviceId) {
		if (c.supplyMillivolts().isEmpty()) {
			return 1;
		}
		return c.mcu().variantForDeviceId(deviceId).flatMap(McuVariant::supplyRanges)
				.flatMap(ranges -> ranges.forSupply(c.supplyMillivolts().getAsInt())).map(SupplyRanges.Range::programWidth)
				.orElse(1);
	}

	/** The LPC bound in nanoseconds with echo left on ({@code echo}) or turned off with A 0 after the handshake. */
	private static long lpcBound(byte[] image, boolean echo, SerialSettings wire) {
		FlashTiming timing = LpcIspChip.datasheetTiming();
		int sectors = (image.length + 4095) / 4096;
		Duration flash = timing.program(image.length).plus(timing.erase(4096).multipliedBy(sectors));
		return lpcWireBytes(image, echo) * wire.nanosPerByte() + flash.toNanos();
	}

	/**
	 * Every byte time the LPC11xx UART ISP exchange must take to program and verify {@code image} from
	 * address 0, with the best legal choices (UM10398 / mcu-protocols.md D):
	 *
	 * <ul>
	 * <li>A command is a line and its answer follows it: time = command bytes + CR LF, then (echo on) one
	 * byte time for the echo of the line's last character, which the chip sends only once it has that
	 * character, then the return code + CR LF and any response lines. The rest of the echo overlaps the
	 * command on the full-duplex line and costs nothing. With echo off the extra byte goes away but
	 * "A 0" has to be said once; the bound takes the cheaper of the two ({@link #bound}).
	 * <li>Sync at the working rate (autobaud): '?' then "Synchronized\r\n"; "Synchronized\r\n" and the
	 * crystal line "12000\r\n", each echoed and answered "OK\r\n"; U 23130 (Copy and Erase need it);
	 * J (a programmer must know the part before it erases anything).
	 * <li>Erase: one P 0 n-1 and one E 0 n-1 for all n sectors the image touches (the emulator charges the
	 * datasheet sector erase time per sector).
	 * <li>Per 4096-byte block (the largest Copy; two do not fit the ~7 KiB of RAM above 0x10000300, so
	 * there is one Write to RAM per block): W 268436224 4096, the data as UU lines of 45 bytes (61
	 * characters + CR LF; the last line of a block is shorter), after every 20 lines and at the end the
	 * decimal checksum line, answered "OK\r\n" (the host must hear OK or RESEND before it goes on; the data
	 * lines' echo overlaps them), then P s s (each Copy needs its own Prepare), C, with its 1 ms per
	 * 256-byte page, and M over the whole block (verify by Compare: no data comes back).
	 * </ul>
	 * No host processing, no turnaround, no waiting for anything the protocol does not make the host wait
	 * for; the datasheet flash times of the emulator (LpcIspChip.datasheetTiming) are added by the caller.
	 */
	private static long lpcWireBytes(byte[] image, boolean echo) {
		int e = echo ? 1 : 0;
		long ram = 0x1000_0300L;
		long bytes = 1 + "Synchronized\r\n".length();
		bytes += "Synchronized\r\n".length() + 1 + "OK\r\n".length();
		bytes += "12000\r\n".length() + 1 + "OK\r\n".length();
		if (!echo) {
			bytes += command("A 0", 1, 0);
		}
		bytes += command("U 23130", e, 0);
		bytes += command("J", e, "338694187\r\n".length());
		int sectors = (image.length + 4095) / 4096;
		bytes += command("P 0 " + (sectors - 1), e, 0);
		bytes += command("E 0 " + (sectors - 1), e, 0);
		for (int block = 0; block < image.length; block += 4096) {
			int size = Math.min(4096, image.length - block);
			bytes += command("W " + ram + " " + size, e, 0);
			int lines = (size + 44) / 45;
			for (int first = 0; first < lines; first += 20) {
				long sum = 0;
				for (int line = first; line < Math.min(lines, first + 20); line++) {
					int from = block + line * 45;
					int n = Math.min(45, block + size - from);
					bytes += 1 + (n + 2) / 3 * 4 + 2;
					for (int i = 0; i < n; i++) {
						sum += image[from + i] & 0xFF;
					}
				}
				bytes += Long.toString(sum).length() + 2 + e + "OK\r\n".length();
			}
			int sector = block / 4096;
			bytes += command("P " + sector + " " + sector, e, 0);
			bytes += command("C " + block + " " + ram + " " + size, e, 0);
			bytes += command("M " + block + " " + ram + " " + size, e, 0);
		}
		return bytes;
	}

	/** A command line with CR LF, the echo lag, "0\r\n" and {@code response} bytes of response lines. */
	private static long command(String line, int echoLag, int response) {
		return line.length() + 2 + echoLag + "0\r\n".length() + response;
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(null);
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}
}
