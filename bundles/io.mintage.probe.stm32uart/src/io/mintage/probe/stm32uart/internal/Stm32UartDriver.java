package io.mintage.probe.stm32uart.internal;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.core.probe.ProbeDriver;
import io.mintage.core.probe.TargetConnection;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.serial.ControlSequence;
import io.mintage.serial.PortAddress;
import io.mintage.serial.SerialLine;
import io.mintage.serial.SerialPorts;
import io.mintage.serial.SerialSettings;

/**
 * The STM32 system bootloader over a USART (AN3155): F0, F1 and F4 from BOOT0 high. The address is
 * a serial port with the site's settings, {@code /dev/ttyUSB0?baud=115200&boot=rts,-dtr,100,dtr&supply=3.3};
 * 8E1 as the bootloader wants it (the serial service drops parity on a pty by itself).
 */
@Component(service = ProbeDriver.class, property = ProbeDriver.TYPE + "=" + Stm32UartDriver.TYPE_ID)
public final class Stm32UartDriver implements ProbeDriver {

	public static final String TYPE_ID = "stm32uart";
	static final int DEFAULT_BAUD = 115_200;
	/** AN2662 §2.2–2.4: the bootloader's auto-baud is specified from 1200 to 115200 Bd. */
	static final int MIN_BAUD = 1_200;
	static final int MAX_BAUD = 115_200;
	static final Set<String> SETTINGS = Set.of("baud", "boot", "supply");
	/** A supply setting is the board's VDD in volts; below 1 V or above 5.5 V it cannot be one. */
	static final int MIN_SUPPLY_MV = 1_000;
	static final int MAX_SUPPLY_MV = 5_500;

	private final SerialPorts ports;
	private final Timeouts timeouts;
	private final FrameBoundaries boundaries = new FrameBoundaries();

	@Activate
	public Stm32UartDriver(@Reference SerialPorts ports) {
		this(ports, Timeouts.DEFAULT);
	}

	/** For tests against a fast emulator, with shorter waits. */
	Stm32UartDriver(SerialPorts ports, Timeouts timeouts) {
		this.ports = ports;
		this.timeouts = timeouts;
	}

	@Override
	public String type() {
		return TYPE_ID;
	}

	@Override
	public String displayName() {
		return "STM32 USART bootloader (AN3155)";
	}

	@Override
	public TargetConnection connect(String address, ProgressMonitor monitor)
			throws IOException, OperationCancelledException {
		Site site = Site.parse(address);
		SerialLine line = ports.open(site.port(), SerialSettings.evenParity(site.baud()));
		try {
			monitor.begin("Connecting to the STM32 bootloader on " + site.port(), 1);
			if (site.boot().isPresent()) {
				// BOOT0 high and a reset pulse, as the adapter's wiring is configured for the site
				line.control(site.boot().get());
			}
			Stm32Connection connection = Stm32Connection.open(new Bootloader(line, timeouts), timeouts,
					site.baud() + " Bd on " + site.port(), boundaries.forPort(site.port()), site.supplyMillivolts(), monitor);
			monitor.worked(1);
			return connection;
		} catch (IOException | OperationCancelledException | RuntimeException e) {
			line.close();
			throw e;
		}
	}

	/**
	 * The parts of an address this driver uses, checked before a port is opened.
	 *
	 * @param supplyMillivolts the board's supply ({@code supply=3.3}), which an STM32F4 needs to be told to
	 *                         program words instead of bytes; absent, the bootloader's safe default stays
	 */
	record Site(String port, int baud, Optional<ControlSequence> boot, OptionalInt supplyMillivolts) {

		private static final Pattern VOLTS = Pattern.compile("([0-9])(?:\\.([0-9]{1,3}))?");

		static Site parse(String address) throws IOException {
			try {
				PortAddress parsed = PortAddress.parse(address, SETTINGS);
				return new Site(parsed.port(), parsed.intSetting("baud", DEFAULT_BAUD, MIN_BAUD, MAX_BAUD),
						parsed.sequence("boot"), supply(parsed));
			} catch (IllegalArgumentException e) {
				throw new IOException(e.getMessage(), e);
			}
		}

		private static OptionalInt supply(PortAddress parsed) {
			Optional<String> text = parsed.setting("supply");
			if (text.isEmpty()) {
				return OptionalInt.empty();
			}
			Matcher volts = VOLTS.matcher(text.get().trim());
			if (volts.matches()) {
				String decimals = volts.group(2) == null ? "" : volts.group(2);
				int millivolts = Integer.parseInt(volts.group(1)) * 1000
						+ (decimals.isEmpty() ? 0 : Integer.parseInt((decimals + "00").substring(0, 3)));
				if (millivolts >= MIN_SUPPLY_MV && millivolts <= MAX_SUPPLY_MV) {
					return OptionalInt.of(millivolts);
				}
			}
			throw new IllegalArgumentException("the setting supply=" + text.get() + " of port " + parsed.port()
					+ " is not the board's supply voltage in volts from 1.0 to 5.5 (for example supply=3.3)");
		}
	}
}
