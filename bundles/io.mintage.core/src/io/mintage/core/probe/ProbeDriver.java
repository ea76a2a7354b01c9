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
	 * @param address where the chip is, as the driver understands it: for UART probes a serial port
	 *                path, optionally followed by {@code ?key=value&key=value} settings that a site
	 *                keeps with its port — {@code baud} (default 115200), {@code boot} (the DTR/RTS
	 *                sequence that enters the bootloader, stm32flash {@code -i} syntax, e.g.
	 *                {@code rts,-dtr,100,dtr}), {@code crystal} (LPC: kHz, default 12000)
	 * @throws IOException with a plain-words message when nothing answers or the answer makes no sense
	 */
	TargetConnection connect(String address, ProgressMonitor monitor) throws IOException, OperationCancelledException;
}
