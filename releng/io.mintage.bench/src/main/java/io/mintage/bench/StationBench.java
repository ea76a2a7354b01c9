package io.mintage.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mintage.serial.SerialPorts;
import io.mintage.serial.internal.JSerialCommPorts;
import io.mintage.sim.ChipFeeder;
import io.mintage.sim.FeedPlan;
import io.mintage.sim.HostOptions;
import io.mintage.sim.stm32.Stm32EmulatorFactory;

/**
 * The production engine measured through the built station product, as a factory runs it: {@code
 * mintage station program --json} over emulated STM32F103 chips fed one after another on socat ptys
 * (this JVM hosts the chips; the station is its own process). Prints a Markdown table for
 * docs/performance.md:
 * <ul>
 * <li>engine overhead per device (everything but device I/O), from the engine's own per-device figure;
 * <li>devices per hour with 1 and with 8 sites at 115200 Bd and datasheet flash times, and their ratio;
 * <li>station start to ready: launcher start to the first line of the run (job, keys and ledger open);
 * <li>the station JVM's heap after a full collection while it makes 10,000 devices (wire time off).
 * </ul>
 * Usage: StationBench PRODUCTS_DIR [DEVICES_FOR_MEMORY [--memory-only]]
 */
public final class StationBench {

	private static final String SECRET = "bench passphrase, not a secret";
	private static final Pattern OVERHEAD = Pattern.compile("\"overheadMicros\":(\\d+)");
	private static final int FIRMWARE_BYTES = 4 * 1024;

	private final Path station;
	private final Path admin;
	private final Path work;
	private final SerialPorts ports = new JSerialCommPorts();
	private final Stm32EmulatorFactory factory = new Stm32EmulatorFactory();

	private StationBench(Path products, Path work) {
		this.station = products.resolve("io.mintage.product.station/linux/gtk/x86_64/mintage-station/mintage");
		this.admin = products.resolve("io.mintage.product.admin/linux/gtk/x86_64/mintage-admin/mintage");
		this.work = work;
	}

	public static void main(String[] args) throws Exception {
		Path products = Path.of(args[0]).toAbsolutePath();
		int memoryDevices = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
		boolean memoryOnly = args.length > 2 && args[2].equals("--memory-only");
		StationBench bench = new StationBench(products, Files.createTempDirectory("mintage-station-bench"));
		bench.setUp();
		System.out.println("| measure | figure | target |");
		System.out.println("|---|---|---|");
		if (!memoryOnly) {
			bench.overheadAndStart();
			bench.scaling();
		}
		bench.memory(memoryDevices);
	}

	private void setUp() throws Exception {
		Files.createDirectories(work.resolve("company"));
		Files.createDirectories(work.resolve("factory"));
		writeFirmware(work.resolve("fw.hex"));
		admin("init", "--name", "Bench Authority", "--passphrase-env", "BENCH_PASS");
		station("init", "--name", "Bench Line", "--passphrase-env", "BENCH_PASS");
		admin("enrol", "Bench-Line.csr", "--out", "line.pem");
		station("install-cert", "line.pem", "--authority", "company/admin/authority/authority.pem");
		admin("issue-job", "--station", "line.pem", "--product", "77", "--product-name", "Bench", "--family", "stm32f1",
				"--firmware", "fw.hex", "--firmware-version", "1.0", "--count", "1000000", "--serial-start", "1",
				"--valid-until", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString(), "--out", "bench.mjob");
		station("accept", "bench.mjob");
	}

	/** 200 devices on one site, wire time off: the engine's overhead per device, and start to ready. */
	private void overheadAndStart() throws Exception {
		List<Long> overheads = new ArrayList<>();
		List<Long> first = new ArrayList<>();
		List<Long> ready = new ArrayList<>();
		for (int round = 0; round < 5; round++) {
			Run run = program(1, 40, false, 0.01);
			// the first device of a run loads and compiles the code on its way: shown on its own
			first.add(run.overheadsMicros().get(0));
			overheads.addAll(run.overheadsMicros().subList(1, run.overheadsMicros().size()));
			ready.add(run.readyMillis());
		}
		Collections.sort(overheads);
		Collections.sort(ready);
		System.out.printf(Locale.ROOT, "| engine overhead per device (%d devices, 1 site) | median %.1f ms, p95 %.1f ms, max %.1f ms;"
				+ " first device of a run %s ms | ≤ 20 ms |%n", overheads.size(), overheads.get(overheads.size() / 2) / 1000.0,
				overheads.get(overheads.size() * 95 / 100) / 1000.0, overheads.get(overheads.size() - 1) / 1000.0,
				first.stream().map(us -> Long.toString(us / 1000)).toList());
		System.out.printf(Locale.ROOT, "| station start to ready (headless run, 5 starts) | median %d ms (%s) | ≤ 2 s |%n",
				ready.get(ready.size() / 2), ready);
	}

	/** Devices per hour with 1 and with 8 sites at 115200 Bd and datasheet flash times. */
	private void scaling() throws Exception {
		Run one = program(1, 10, true, 1.0);
		Run eight = program(8, 80, true, 1.0);
		double perHourOne = one.devices() * 3600.0 / one.producing();
		double perHourEight = eight.devices() * 3600.0 / eight.producing();
		System.out.printf(Locale.ROOT, "| devices per hour, 1 site (%d devices, 4 KiB, 115200 Bd) | %.0f | |%n", one.devices(),
				perHourOne);
		System.out.printf(Locale.ROOT, "| devices per hour, 8 sites (%d devices) | %.0f: %.2f × one site | ≥ 7× |%n",
				eight.devices(), perHourEight, perHourEight / perHourOne);
	}

	/** The station's heap after a full collection, sampled while it makes {@code devices} devices on 8 sites. */
	private void memory(int devices) throws Exception {
		List<String> samples = Collections.synchronizedList(new ArrayList<>());
		Run run = program(8, devices, false, 0.0, pid -> {
			String used = heapAfterGc(pid);
			samples.add(used);
		});
		System.out.printf(Locale.ROOT, "| station heap after full GC while making %d devices (8 sites) | %s MiB | flat |%n",
				run.devices(), String.join(" → ", samples));
	}

	private interface Sampler {
		void sample(long pid) throws Exception;
	}

	/** @param producing seconds from the station being ready to the last device passed */
	record Run(int devices, double seconds, double producing, List<Long> overheadsMicros, long readyMillis) {
	}

	private Run program(int sites, int devices, boolean wireTime, double flashScale) throws Exception {
		return program(sites, devices, wireTime, flashScale, null);
	}

	private Run program(int sites, int devices, boolean wireTime, double flashScale, Sampler sampler) throws Exception {
		List<ChipFeeder> feeders = new ArrayList<>();
		List<String> command = new ArrayList<>(List.of(station.toString(), "program", "--json", "--poll-ms", "20",
				"--count", Integer.toString(devices)));
		try {
			for (int i = 0; i < sites; i++) {
				byte[] uid = new byte[12];
				new Random(System.nanoTime() + i).nextBytes(uid);
				uid[0] = (byte) (0x10 + i);
				FeedPlan plan = FeedPlan.of("stm32f1").withVariant("f103xb").withFirstUid(uid).withFlashTimeScale(flashScale)
						.withSwapDelay(Duration.ofMillis(wireTime ? 300 : 5))
						.withTakeOutAfter(Duration.ofMillis(wireTime ? 800 : 5));
				HostOptions options = HostOptions.of(factory.wire(115_200));
				ChipFeeder feeder = ChipFeeder.onPty(factory, plan, work.resolve("site-" + System.nanoTime() + "-" + i), ports,
						wireTime ? options : options.withoutWireTime(), ChipFeeder.Events.NONE);
				feeders.add(feeder);
				command.add("--site");
				command.add("stm32uart:" + feeder.host().clientPath() + "?baud=115200");
			}
			ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
			builder.environment().put("MINTAGE_HOME", work.resolve("factory").toString());
			builder.environment().put("BENCH_PASS", SECRET);
			long start = System.nanoTime();
			Process process = builder.start();
			process.getOutputStream().close();
			List<Long> overheads = new ArrayList<>();
			long ready = -1;
			long lastDevice = start;
			int passed = 0;
			int nextSample = devices / 10;
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (ready < 0 && line.contains("\"type\":\"job\"")) {
						ready = (System.nanoTime() - start) / 1_000_000;
					}
					if (line.contains("\"type\":\"device\"") && line.contains("\"result\":\"pass\"")) {
						passed++;
						lastDevice = System.nanoTime();
						Matcher overhead = OVERHEAD.matcher(line);
						if (overhead.find()) {
							overheads.add(Long.parseLong(overhead.group(1)));
						}
						if (sampler != null && (passed == 1 || passed >= nextSample)) {
							sampler.sample(process.pid());
							nextSample = passed + devices / 10;
						}
					}
					if (line.contains("\"type\":\"device\"") && line.contains("\"result\":\"fail\"")) {
						System.err.println("  failed: " + line);
					}
				}
			}
			if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
				throw new IllegalStateException("station program ended with " + process.exitValue());
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			System.err.printf(Locale.ROOT, "  %d site(s): %d devices in %.1f s (ready after %d ms)%n", sites, passed, seconds,
					ready);
			// the rate counts from the moment the station is ready: a shift starts the station once
			return new Run(passed, seconds, (lastDevice - start) / 1e9 - ready / 1000.0, overheads, ready);
		} finally {
			for (ChipFeeder feeder : feeders) {
				feeder.close();
			}
		}
	}

	/** Used heap (all generations, not metaspace) in MiB after a full collection, through jcmd. */
	private static String heapAfterGc(long pid) throws Exception {
		jcmd(pid, "GC.run");
		String info = jcmd(pid, "GC.heap_info");
		Matcher used = Pattern.compile("(?m)^\\s*(def new|tenured|eden|from|to|PSYoungGen|ParOldGen|garbage-first) .*?used (\\d+)K")
				.matcher(info);
		long kib = 0;
		while (used.find()) {
			if (used.group(1).equals("def new") || used.group(1).equals("tenured") || used.group(1).startsWith("PS")
					|| used.group(1).startsWith("Par") || used.group(1).startsWith("garbage")) {
				kib += Long.parseLong(used.group(2));
			}
		}
		return String.format(Locale.ROOT, "%.1f", kib / 1024.0);
	}

	private static String jcmd(long pid, String what) throws Exception {
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(pid), what).redirectErrorStream(true).start();
		String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		jcmd.waitFor(30, TimeUnit.SECONDS);
		return out;
	}

	private void admin(String... words) throws Exception {
		run(admin, work.resolve("company"), words);
	}

	private void station(String... words) throws Exception {
		run(station, work.resolve("factory"), words);
	}

	private void run(Path launcher, Path home, String... words) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(launcher.toString());
		command.addAll(Arrays.asList(words));
		ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
		Map<String, String> environment = builder.environment();
		environment.put("MINTAGE_HOME", home.toString());
		environment.put("BENCH_PASS", SECRET);
		Process process = builder.start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", words) + " failed:\n" + output);
		}
	}

	private static void writeFirmware(Path file) throws IOException {
		byte[] data = new byte[FIRMWARE_BYTES];
		new Random(7).nextBytes(data);
		StringBuilder hex = new StringBuilder(":020000040800F2\n");
		for (int offset = 0; offset < data.length; offset += 16) {
			int sum = 16 + (offset >> 8) + (offset & 0xFF);
			StringBuilder line = new StringBuilder(String.format(":10%04X00", offset));
			for (int i = 0; i < 16; i++) {
				line.append(String.format("%02X", data[offset + i] & 0xFF));
				sum += data[offset + i] & 0xFF;
			}
			hex.append(line).append(String.format("%02X%n", (-sum) & 0xFF));
		}
		hex.append(":00000001FF\n");
		Files.writeString(file, hex.toString(), StandardCharsets.US_ASCII);
	}
}
