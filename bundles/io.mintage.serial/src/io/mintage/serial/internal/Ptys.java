package io.mintage.serial.internal;

import java.io.IOException;
import java.nio.file.Path;

/** Tells a pseudo-terminal from a real serial port by where its path really leads. */
final class Ptys {

	private Ptys() {
	}

	/**
	 * A pty's slave is /dev/pts/N (or a legacy /dev/ttyp*, /dev/pty*); socat's {@code link=} and
	 * other links are followed first.
	 */
	static boolean isPty(Path device) throws IOException {
		String real = device.toRealPath().toString();
		return real.startsWith("/dev/pts/") || real.equals("/dev/ptmx") || real.startsWith("/dev/pty")
				|| real.matches("/dev/tty[p-za-e][0-9a-f]");
	}
}
