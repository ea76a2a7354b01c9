package io.mintage.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.mintage.core.mcu.McuFamily;
import io.mintage.core.mcu.McuVariant;
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
import io.mintage.sim.EmulatedChip;
import io.mintage.sim.EmulatorFactory;
import io.mintage.sim.EmulatorHost;
import io.mintage.sim.FlashTiming;
import io.mintage.sim.HostOptions;
import io.mintage.sim.lpc.LpcEmulatorFactory;
import io.mintage.sim.lpc.LpcIspChip;
import io.mintage.sim.stm32.Stm32EmulatorFactory;
import io.mintage.sim.stm32.Stm32Variant;

/**
 * Programs the same image into the same emulated chip with our probe driver and with the peer tool
 * (stm32flash, lpc21isp), side by side in one run, write plus verify, and sets both against the bound
 * the line rate and the flash timing allow. Emulators model the wire (every byte takes its bits at the
 * baud rate) and the datasheet program/erase times, so the ratios mean what they would on a chip.
 *
 * Usage: FlashBench [RUNS] [--only lpc|stm32] — prints a Markdown table for docs/performance.md.
 */
public final class FlashBench {

	private static final int BAUD = 115_200;
	private static final long STM32_BASE = 0x0800_0000L;

	/** One benchmark case: a chip, an image size, and how the peer tool programs it. */
	private record Case(String label, String family, String variant, int size, long base, EmulatorFactory factory,
			McuFamily mcu, ProbeDriver driver, String peer) {
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
						new Stm32f1Family(), new Stm32UartDriver(ports), "stm32flash"),
				new Case("STM32F407xG, 64 KiB", "stm32f4", "f407xg", 64 * 1024, STM32_BASE, new Stm32EmulatorFactory(),
						new Stm32f4Family(), new Stm32UartDriver(ports), "stm32flash"),
				new Case("LPC11C24, 32 KiB", "lpc11c24", "301", 32 * 1024, 0, new LpcEmulatorFactory(),
						new Lpc11c24Family(), new LpcIspDriver(ports), "lpc21isp"));
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
				peer.add(timePeer(c, file, work, ports));
				ours.add(timeOurs(c, image, work, ports));
				System.err.printf(Locale.ROOT, "  %s run %d: peer %.3f s, ours %.3f s%n", c.label(), run + 1,
						peer.get(run), ours.get(run));
			}
			double peerMedian = median(peer);
			double ourMedian = median(ours);
			double bound = bound(c);
			System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f |%n", c.label(), c.peer(),
					peerMedian, ourMedian, ourMedian / peerMedian, bound, ourMedian / bound);
		}
	}

	/** Incompressible, and never the erased value in whole pages, so no tool can skip anything. */
	private static byte[] image(Case c) {
		byte[] image = new byte[c.size()];
		new Random(0x5EED).nextBytes(image);
		return image;
	}

	private static EmulatorHost host(Case c, Path work, SerialPorts ports) throws IOException {
		EmulatedChip chip = c.factory().create(c.family(), Optional.of(c.variant()), Optional.empty(), 1.0);
		Path link = work.resolve("chip-" + c.family());
		Files.deleteIfExists(link);
		return EmulatorHost.onPty(chip, link, ports, HostOptions.of(c.factory().wire(BAUD)));
	}

	private static double timePeer(Case c, Path file, Path work, SerialPorts ports) throws Exception {
		try (EmulatorHost host = host(c, work, ports)) {
			String port = host.clientPath().toString();
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

	private static double timeOurs(Case c, byte[] image, Path work, SerialPorts ports) throws Exception {
		try (EmulatorHost host = host(c, work, ports)) {
			long start = System.nanoTime();
			try (TargetConnection connection = c.driver().connect(host.clientPath() + "?baud=" + BAUD,
					ProgressMonitor.NONE)) {
				long connected = System.nanoTime();
				TargetConnection.TargetIdentity identity = connection.identify();
				McuVariant variant = c.mcu().variantForDeviceId(identity.deviceId()).orElseThrow(
						() -> new IllegalStateException("no variant for device ID " + identity.deviceId()));
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
	 * turnaround time at all.
	 */
	private static double bound(Case c) {
		SerialSettings wire = c.factory().wire(BAUD);
		long blocks = (c.size() + 255) / 256;
		if (c.peer().equals("stm32flash")) {
			Stm32Variant variant = Stm32Variant.valueOf(c.variant().toUpperCase(Locale.ROOT));
			FlashTiming timing = variant.flashTiming();
			// Write Memory: 2 command + ACK + 5 address + ACK + count + 256 data + checksum + ACK = 268
			// Read Memory (verify): 2 + ACK + 5 + ACK + 2 count + ACK + 256 data = 268
			long wireBytes = blocks * (268 + 268);
			Duration flash = timing.program(c.size());
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
		// LPC ISP: the data goes uuencoded, 45 bytes a 61-character line plus CR LF, a checksum line and
		// "OK" every 20 lines; verify is the chip's own Compare, so no data comes back.
		long lines = (c.size() + 44) / 45;
		long checksums = (lines + 19) / 20;
		long wireBytes = lines * 63 + checksums * (12 + 4);
		FlashTiming timing = LpcIspChip.datasheetTiming();
		Duration flash = timing.program(c.size()).plus(timing.erase(4096).multipliedBy((c.size() + 4095) / 4096));
		return seconds(wireBytes * wire.nanosPerByte() + flash.toNanos());
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
