package io.mintage.core.probe;

import java.io.IOException;

import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;

/**
 * A way to reach a chip: a ROM bootloader over a serial port, a debug probe… One bundle per kind,
 * found as an OSGi service by {@link #TYPE}.
 */
public interface ProbeDriver {

	/** Service property and persisted identifier, e.g. {@code stm32uart}. Never renamed once released. */
	String TYPE = "mintage.probe.type";

	String type();

	/** Name for people, e.g. "STM32 USART bootloader (AN3155)". */
	String displayName();

	/**
	 * Opens a connection and synchronises with the chip.
	 *
	 * @param address where the chip is, as the driver understands it (a serial port path for UART probes)
	 * @throws IOException with a plain-words message when nothing answers or the answer makes no sense
	 */
	TargetConnection connect(String address, ProgressMonitor monitor) throws IOException, OperationCancelledException;
}
