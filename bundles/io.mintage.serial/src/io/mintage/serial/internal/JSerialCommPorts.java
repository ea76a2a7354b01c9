package io.mintage.serial.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Component;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

import io.mintage.serial.SerialLine;
import io.mintage.serial.SerialPorts;
import io.mintage.serial.SerialSettings;

/**
 * The {@link SerialPorts} service on jSerialComm: the only class that opens a jSerialComm port. On a
 * pty the parity is dropped before the port is configured, because Linux ptys refuse PARENB and
 * jSerialComm's open then fails at random (docs: test-tools).
 */
@Component(service = SerialPorts.class)
public final class JSerialCommPorts implements SerialPorts {

	/** Read timeout used until the first read sets its own. */

	@Override
	public SerialLine open(String path, SerialSettings settings) throws IOException {
		Path device = Path.of(path);
		if (!Files.exists(device)) {
			throw new IOException("there is no serial port at " + path
					+ (Files.isSymbolicLink(device) ? " (the link leads nowhere: is the emulator or adapter gone?)" : ""));
		}
		if (!Files.isReadable(device) || !Files.isWritable(device)) {
			throw new IOException(path + " cannot be opened: permission denied (add the user to the 'dialout' group)");
		}
		boolean pty = Ptys.isPty(device);
		SerialSettings effective = pty ? settings.onPty() : settings;
		NativeLibraryFolder.prepare();
		SerialPort port;
		try {
			port = SerialPort.getCommPort(path);
		} catch (SerialPortInvalidPortException e) {
			throw new IOException(path + " is not a serial port", e);
		}
		port.setComPortParameters(effective.baudRate(), 8,
				effective.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT,
				effective.parity() == SerialSettings.Parity.EVEN ? SerialPort.EVEN_PARITY : SerialPort.NO_PARITY);
		port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING,
				JSerialCommLine.READ_SLICE_MS, JSerialCommLine.WRITE_TIMEOUT_MS);
		if (!port.openPort()) {
			throw new IOException(path + " could not be opened" + reason(port.getLastErrorCode()));
		}
		JSerialCommLine line = new JSerialCommLine(path, port, effective, pty);
		OpenLines.opened(line);
		return line;
	}

	/** The errno jSerialComm reports, as words. */
	static String reason(int errno) {
		return switch (errno) {
		case 0 -> "";
		case 2 -> ": it does not exist (any more)";
		case 5 -> ": input/output error (the device or the program behind the pty went away)";
		case 13 -> ": permission denied (add the user to the 'dialout' group)";
		case 16, 11 -> ": it is busy, another program has it open";
		case 19, 6 -> ": no such device (is the adapter unplugged?)";
		case 22 -> ": the port refused these settings";
		default -> " (system error " + errno + ")";
		};
	}
}
