package io.mintage.probe.lpcisp.internal;

import java.io.IOException;

/** The chip answered a command with an error return code; the message names the command and the code. */
public final class IspCommandException extends IOException {

	private static final long serialVersionUID = 1L;

	private final int code;

	/** @param detail what the chip added to the code (the first differing offset), or empty */
	public IspCommandException(String line, String command, int code, String detail) {
		super(line + ": the chip refused '" + command + "' with " + ReturnCode.describe(code) + detail);
		this.code = code;
	}

	public int code() {
		return code;
	}
}
