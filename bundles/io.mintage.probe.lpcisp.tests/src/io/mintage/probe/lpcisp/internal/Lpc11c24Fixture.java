package io.mintage.probe.lpcisp.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.mintage.core.MemoryRegion;
import io.mintage.core.MemoryRegion.Kind;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.serial.SerialSettings;
import io.mintage.sim.EmulatorHost;
import io.mintage.sim.FaultPlan;
import io.mintage.sim.FlashTiming;
import io.mintage.sim.HostOptions;
import io.mintage.sim.lpc.LpcIspChip;
import io.mintage.sim.lpc.LpcPartModel;

/** An emulated LPC11C24 on an in-memory line, the variant as a family bundle would describe it, firmware. */
final class Lpc11c24Fixture implements AutoCloseable {

	static final String UID_HEX = "0123456789ABCDEF0011223344556677";

	final LpcIspChip chip;
	final EmulatorHost host;
	final List<String> trace = new CopyOnWriteArrayList<>();

	Lpc11c24Fixture(FaultPlan faults, boolean wireTime, FlashTiming timing) {
		chip = new LpcIspChip(LpcPartModel.LPC11C24, LpcIspChip.uidWords(UID_HEX), timing);
		HostOptions options = HostOptions.of(SerialSettings.noParity(LpcIspConnection.SYNC_BAUD)).withFaults(faults)
				.withTrace(trace::add);
		host = EmulatorHost.inMemory(chip, wireTime ? options : options.withoutWireTime());
	}

	static Lpc11c24Fixture fast(FaultPlan faults) {
		return new Lpc11c24Fixture(faults, false, FlashTiming.instant());
	}

	LpcIspConnection connect(int attempts) throws IOException, OperationCancelledException {
		return LpcIspDriver.open(host.clientLine(), 115200, 12000, null, attempts, ProgressMonitor.NONE);
	}

	static McuVariant variant() {
		List<MemoryRegion> sectors = IntStream.range(0, 8)
				.mapToObj(i -> new MemoryRegion("sector " + i, Kind.FLASH, i * 4096L, 4096)).toList();
		return new McuVariant("LPC11C24/301", List.of(0x1430102BL), new MemoryRegion("flash", Kind.FLASH, 0, 32768),
				sectors, 256, 0xFF, new MemoryRegion("SRAM", Kind.RAM, 0x1000_0000L, 8192),
				Optional.of(new McuVariant.UidLocation(0, 16)));
	}

	/** A Cortex-M0 image: stack pointer, reset vector, then noise; word 7 left for the checksum. */
	static byte[] firmware(int length, long seed) {
		byte[] image = new byte[length];
		new Random(seed).nextBytes(image);
		int[] vectors = { 0x1000_2000, 0x0000_00C1, 0x0000_00C3, 0x0000_00C5, 0, 0, 0, 0 };
		for (int i = 0; i < 8; i++) {
			for (int b = 0; b < 4; b++) {
				image[i * 4 + b] = (byte) (vectors[i] >>> 8 * b);
			}
		}
		return image;
	}

	/** Where in the chip's received bytes the first command starting with {@code prefix} began (from the trace). */
	long byteOfCommand(String prefix) {
		for (String event : trace) {
			if (event.startsWith("LPC ISP: " + prefix)) {
				return Long.parseLong(event.substring(event.lastIndexOf('@') + 1));
			}
		}
		throw new AssertionError("no command '" + prefix + "' in the trace " + trace);
	}

	void awaitState(LpcIspChip.State state) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (chip.state() != state && System.nanoTime() < end) {
			Thread.sleep(5);
		}
	}

	@Override
	public void close() {
		host.close();
	}
}
