package io.mintage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.mintage.serial.internal.JSerialCommPorts;
import io.mintage.sim.EmulatedChip;
import io.mintage.sim.EmulatorFactory;
import io.mintage.sim.EmulatorHost;
import io.mintage.sim.HostOptions;
import io.mintage.sim.lpc.LpcEmulatorFactory;
import io.mintage.sim.stm32.Stm32EmulatorFactory;

/**
 * One emulated chip on a pty in a process of its own, for {@link FlashBench}: a chip is separate
 * hardware, and an emulator sharing the JVM of one contender (its JIT and collector threads, on a
 * two-core machine) but not of the other would make the comparison unfair. Prints {@code ready PATH}
 * once the chip answers at PATH and runs until its standard input closes.
 *
 * Usage: ChipServer FAMILY VARIANT LINK BAUD
 */
public final class ChipServer {

	private ChipServer() {
	}

	public static void main(String[] args) throws IOException {
		String family = args[0];
		EmulatorFactory factory = family.startsWith("lpc") ? new LpcEmulatorFactory() : new Stm32EmulatorFactory();
		EmulatedChip chip = factory.create(family, Optional.of(args[1]), Optional.empty(), 1.0);
		Path link = Path.of(args[2]);
		Files.deleteIfExists(link);
		try (EmulatorHost host = EmulatorHost.onPty(chip, link, new JSerialCommPorts(),
				HostOptions.of(factory.wire(Integer.parseInt(args[3]))))) {
			System.out.println("ready " + host.clientPath());
			System.out.flush();
			while (System.in.read() >= 0) {
				// runs until the bench closes our input
			}
		}
	}
}
