package io.mintage.probe.stm32uart.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.mintage.core.mcu.McuVariant;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.serial.SerialSettings;
import io.mintage.sim.EmulatorHost;
import io.mintage.sim.FaultPlan;
import io.mintage.sim.HostOptions;
import io.mintage.sim.stm32.Stm32Bootloader;
import io.mintage.sim.stm32.Stm32Variant;

/**
 * One emulated STM32 in this process on an in-memory line, with the driver talking to it through
 * the line the host gives: the same code path as a USB adapter, minus the kernel. Memory speed on the
 * wire and a hundredth of the datasheet flash times unless a test asks for real time.
 */
final class Bench implements AutoCloseable {

	/** Short waits: the emulator answers in microseconds, so a fault costs milliseconds. */
	static final Timeouts FAST = new Timeouts(Duration.ofMillis(100), 5, Duration.ofMillis(200),
			Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMillis(20));

	final Stm32Variant emulated;
	final McuVariant variant;
	final Stm32Bootloader chip;
	final EmulatorHost host;
	final List<String> trace = new CopyOnWriteArrayList<>();
	final Stm32UartDriver driver;

	private Bench(Stm32Variant emulated, FaultPlan faults, boolean wireTime, double timeScale) {
		this.emulated = emulated;
		this.variant = descriptor(emulated);
		this.chip = new Stm32Bootloader(emulated, Stm32Bootloader.defaultUid(emulated), timeScale);
		HostOptions options = HostOptions.of(SerialSettings.evenParity(115_200)).withFaults(faults)
				.withTrace(trace::add);
		this.host = EmulatorHost.inMemory(chip, wireTime ? options : options.withoutWireTime());
		this.driver = new Stm32UartDriver((path, settings) -> host.clientLine(), FAST);
	}

	static Bench of(Stm32Variant emulated) {
		return new Bench(emulated, FaultPlan.none(), false, 0.01);
	}

	static Bench withFaults(Stm32Variant emulated, String plan) {
		return new Bench(emulated, FaultPlan.parse(plan), false, 0.01);
	}

	/** Wire time at 115200 Bd 8E1 and the datasheet's flash times. */
	static Bench inRealTime(Stm32Variant emulated) {
		return new Bench(emulated, FaultPlan.none(), true, 1.0);
	}

	Stm32Connection connect() throws IOException, OperationCancelledException {
		return connect("");
	}

	/** @param settings the address's settings, {@code supply=3.3}, or "" */
	Stm32Connection connect(String settings) throws IOException, OperationCancelledException {
		return (Stm32Connection) driver.connect("emulated " + emulated.id + (settings.isEmpty() ? "" : "?" + settings),
				ProgressMonitor.NONE);
	}

	long tracedCount(String text) {
		return trace.stream().filter(event -> event.contains(text)).count();
	}

	/**
	 * A connection from a new driver, as a station restarted after a kill makes it: it knows nothing of
	 * what the last process left on the line.
	 */
	Stm32Connection connectAfterARestart() throws IOException, OperationCancelledException {
		return (Stm32Connection) new Stm32UartDriver((path, settings) -> host.clientLine(), FAST)
				.connect("emulated " + emulated.id, ProgressMonitor.NONE);
	}

	long flashStart() {
		return variant.flash().start();
	}

	/** The unit sizes the emulator and the descriptor use must agree, or every page number is off. */
	static McuVariant descriptor(Stm32Variant emulated) {
		return switch (emulated) {
		case F030X8 -> TestVariants.F030X8;
		case F072XB -> TestVariants.F072XB;
		case F103XB -> TestVariants.F103XB;
		case F103XE -> TestVariants.F103XE;
		case F407XG -> TestVariants.F407XG;
		case F411XE -> TestVariants.F411XE;
		};
	}

	byte[] flash(long address, int length) {
		byte[] all = chip.flashContents();
		int offset = (int) (address - Stm32Variant.FLASH_BASE);
		return java.util.Arrays.copyOfRange(all, offset, offset + length);
	}

	boolean traced(String text) {
		return trace.stream().anyMatch(event -> event.contains(text));
	}

	/**
	 * Whether the emulator traces {@code text} within a second: a chip may log what it did after its
	 * last ACK went out, so right after the driver returns the entry can still be on its way.
	 */
	boolean tracedSoon(String text) throws InterruptedException {
		long deadline = System.nanoTime() + 1_000_000_000L;
		while (!traced(text)) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			Thread.sleep(5);
		}
		return true;
	}

	@Override
	public void close() {
		host.close();
	}
}
