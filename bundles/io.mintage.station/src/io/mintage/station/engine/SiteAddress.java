package io.mintage.station.engine;

import java.util.Objects;

/**
 * Where one site's chip is reached: the probe type and its port address, as written on the command line
 * ({@code stm32uart:/dev/ttyUSB0?baud=57600}).
 */
public record SiteAddress(String probe, String port) {

	public SiteAddress {
		Objects.requireNonNull(probe, "probe");
		Objects.requireNonNull(port, "port");
		if (probe.isEmpty() || port.isEmpty()) {
			throw new IllegalArgumentException("a site is PROBE:PORT such as stm32uart:/dev/ttyUSB0");
		}
	}

	/**
	 * @throws IllegalArgumentException in plain words when {@code text} is not PROBE:PORT
	 */
	public static SiteAddress parse(String text) {
		int colon = text.indexOf(':');
		if (colon <= 0 || colon == text.length() - 1) {
			throw new IllegalArgumentException("a site is PROBE:PORT such as stm32uart:/dev/ttyUSB0, not '" + text + "'");
		}
		return new SiteAddress(text.substring(0, colon), text.substring(colon + 1));
	}

	@Override
	public String toString() {
		return probe + ":" + port;
	}
}
