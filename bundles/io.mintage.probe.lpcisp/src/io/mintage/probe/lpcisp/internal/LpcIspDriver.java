package io.mintage.probe.lpcisp.internal;

import java.io.IOException;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.core.probe.ProbeDriver;
import io.mintage.core.probe.TargetConnection;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.serial.PortAddress;
import io.mintage.serial.SerialLine;
import io.mintage.serial.SerialPorts;
import io.mintage.serial.SerialSettings;

/**
 * NXP LPC11xx (LPC11C24) boot ROM over a UART, 8N1. Address: {@code PORT?baud=115200&crystal=12000&boot=…}:
 * the working baud rate (synchronisation is at 9600 Bd, then B switches), the crystal in kHz the ISP
 * handshake asks for, and the DTR/RTS sequence that resets the chip with PIO0_1 low.
 */
@Component(service = ProbeDriver.class, property = ProbeDriver.TYPE + "=" + LpcIspDriver.TYPE)
public final class LpcIspDriver implements ProbeDriver {

	public static final String TYPE = "lpcisp";
	static final Set<String> SETTINGS = Set.of("baud", "crystal", "boot");
	/** Tries per flash step: a lost byte or a reset costs one more try, not the job. */
	static final int ATTEMPTS = 3;

	private final SerialPorts ports;

	@Activate
	public LpcIspDriver(@Reference SerialPorts ports) {
		this.ports = ports;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public String displayName() {
		return "NXP LPC11xx UART ISP (boot ROM)";
	}

	@Override
	public TargetConnection connect(String address, ProgressMonitor monitor) throws IOException, OperationCancelledException {
		PortAddress port;
		int baud;
		int crystal;
		try {
			port = PortAddress.parse(address, SETTINGS);
			baud = port.intSetting("baud", 115200, 9600, 115200);
			crystal = port.intSetting("crystal", 12000, 1000, 50000);
		} catch (IllegalArgumentException e) {
			throw new IOException(e.getMessage(), e);
		}
		SerialLine line = ports.open(port.port(), SerialSettings.noParity(LpcIspConnection.SYNC_BAUD));
		return open(line, baud, crystal, port, ATTEMPTS, monitor);
	}

	/** A session on a line that is open already (an in-memory emulator, a test). */
	public static LpcIspConnection open(SerialLine line, int baud, int crystal, PortAddress port, int attempts,
			ProgressMonitor monitor) throws IOException, OperationCancelledException {
		LpcIspConnection connection;
		try {
			connection = new LpcIspConnection(line, baud, crystal, port == null ? java.util.Optional.empty()
					: port.sequence("boot"), attempts);
		} catch (IllegalArgumentException e) {
			line.close();
			throw new IOException(e.getMessage(), e);
		}
		try {
			connection.open(monitor);
			return connection;
		} catch (IOException | OperationCancelledException | RuntimeException e) {
			line.close();
			throw e;
		}
	}
}
