package io.mintage.serial;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A UART probe's address as a site keeps it: the port path, optionally followed by settings,
 * {@code /dev/ttyUSB0?baud=57600&boot=rts,-dtr,100,dtr}. Each probe says which setting names it
 * knows; an unknown one is refused by name, so a typo never passes silently.
 */
public final class PortAddress {

	private final String port;
	private final Map<String, String> settings;

	private PortAddress(String port, Map<String, String> settings) {
		this.port = port;
		this.settings = Collections.unmodifiableMap(settings);
	}

	/**
	 * @param known the setting names the probe understands
	 * @throws IllegalArgumentException naming an empty port, a malformed or unknown setting
	 */
	public static PortAddress parse(String address, Set<String> known) {
		int query = address.indexOf('?');
		String port = (query < 0 ? address : address.substring(0, query)).trim();
		if (port.isEmpty()) {
			throw new IllegalArgumentException("the address '" + address + "' names no serial port");
		}
		Map<String, String> settings = new LinkedHashMap<>();
		if (query >= 0 && query + 1 < address.length()) {
			for (String pair : address.substring(query + 1).split("&")) {
				int equals = pair.indexOf('=');
				if (equals <= 0) {
					throw new IllegalArgumentException("'" + pair + "' in the address '" + address
							+ "' is not a setting of the form name=value");
				}
				String name = pair.substring(0, equals);
				if (!known.contains(name)) {
					throw new IllegalArgumentException("unknown setting '" + name + "' in the address '" + address
							+ "'; this probe knows: " + String.join(", ", new TreeSet<>(known)));
				}
				if (settings.put(name, URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8)) != null) {
					throw new IllegalArgumentException("the setting '" + name + "' is given twice in '" + address + "'");
				}
			}
		}
		return new PortAddress(port, settings);
	}

	public String port() {
		return port;
	}

	public Optional<String> setting(String name) {
		return Optional.ofNullable(settings.get(name));
	}

	/** A whole-number setting within [min, max], or the default when absent. */
	public int intSetting(String name, int defaultValue, int min, int max) {
		String text = settings.get(name);
		if (text == null) {
			return defaultValue;
		}
		try {
			int value = Integer.parseInt(text.trim());
			if (value >= min && value <= max) {
				return value;
			}
		} catch (NumberFormatException e) {
			// refused below with the range
		}
		throw new IllegalArgumentException("the setting " + name + "=" + text + " of port " + port
				+ " is not a whole number from " + min + " to " + max);
	}

	/** The DTR/RTS sequence of a setting, if given. */
	public Optional<ControlSequence> sequence(String name) {
		return setting(name).map(ControlSequence::parse);
	}

	public Map<String, String> settings() {
		return settings;
	}

	@Override
	public String toString() {
		return settings.isEmpty() ? port : port + " " + settings;
	}
}
