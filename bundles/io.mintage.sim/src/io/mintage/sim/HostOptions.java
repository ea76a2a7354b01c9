package io.mintage.sim;

import java.util.Objects;
import java.util.function.Consumer;

import io.mintage.serial.SerialSettings;

/**
 * How an {@link EmulatorHost} runs its chip.
 *
 * @param wire     the modelled wire: its rate gives each byte its time, its parity how many bits a
 *                 byte has (on a pty the real line carries no parity; the model still counts it)
 * @param wireTime whether bytes take wire time at all (off: memory speed, for protocol-only tests)
 * @param faults   the faults to inject
 * @param trace    receives protocol events of the chip and of the host (resets, faults), or does nothing
 */
public record HostOptions(SerialSettings wire, boolean wireTime, FaultPlan faults, Consumer<String> trace) {

	public HostOptions {
		Objects.requireNonNull(wire, "wire");
		Objects.requireNonNull(faults, "faults");
		Objects.requireNonNull(trace, "trace");
	}

	/** Wire time on, no faults, no trace. */
	public static HostOptions of(SerialSettings wire) {
		return new HostOptions(wire, true, FaultPlan.none(), event -> {
		});
	}

	public HostOptions withFaults(FaultPlan plan) {
		return new HostOptions(wire, wireTime, plan, trace);
	}

	public HostOptions withTrace(Consumer<String> events) {
		return new HostOptions(wire, wireTime, faults, events);
	}

	public HostOptions withoutWireTime() {
		return new HostOptions(wire, false, faults, trace);
	}
}
