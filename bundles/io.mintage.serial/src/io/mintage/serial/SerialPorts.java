package io.mintage.serial;

import java.io.IOException;

/**
 * Opens serial ports by path (/dev/ttyUSB0, a pty link such as /tmp/chip1). The OSGi service behind
 * it is the only code that touches jSerialComm; it loads jSerialComm's native library from a private
 * folder, never from a world-writable /tmp path.
 */
public interface SerialPorts {

	/**
	 * Opens the port. On a pty (which cannot carry parity or modem lines) the settings' parity is
	 * dropped and {@link SerialLine#control} fails in plain words.
	 *
	 * @throws IOException in plain words naming the path and why (no such port, busy, permission)
	 */
	SerialLine open(String path, SerialSettings settings) throws IOException;
}
