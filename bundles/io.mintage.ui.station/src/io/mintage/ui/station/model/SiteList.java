package io.mintage.ui.station.model;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mintage.core.io.PrivateFiles;
import io.mintage.station.engine.SiteAddress;

/**
 * The station's fixtures, in tile order, and whether the window starts them when it opens a job. Kept
 * in {@value #FILE_NAME} in the station's state folder (docs/formats.md, "State files"):
 *
 * <pre>
 * site.1=stm32uart:/dev/ttyUSB0?baud=115200
 * site.2=lpcisp:/dev/serial/by-id/usb-FTDI_FT232R-if00-port0
 * auto-start=false
 * </pre>
 *
 * The system property {@value #SITES_PROPERTY} ({@code -Dmintage.sites=stm32uart:/dev/ttyUSB0,lpcisp:/dev/ttyUSB1})
 * gives the sites of one run instead: the file is then neither read nor written. Immutable; the
 * {@code with…} methods return a changed copy that {@link #save} writes.
 */
public final class SiteList {

	/** The file's name in the station's state folder; persisted, never renamed. */
	public static final String FILE_NAME = "sites.properties";
	/** The system property whose comma-separated PROBE:PORT list replaces the file for one run. */
	public static final String SITES_PROPERTY = "mintage.sites";

	private static final String AUTO_START = "auto-start";
	private static final Pattern SITE_KEY = Pattern.compile("site\\.([1-9][0-9]{0,3})");
	private static final String FORMAT = "the file has lines site.N=PROBE:PORT (N from 1, e.g. "
			+ "site.1=stm32uart:/dev/ttyUSB0) and auto-start=true|false";

	private final Optional<Path> file;
	private final List<SiteAddress> sites;
	private final boolean autoStart;

	private SiteList(Optional<Path> file, List<SiteAddress> sites, boolean autoStart) {
		this.file = file;
		this.sites = List.copyOf(sites);
		this.autoStart = autoStart;
	}

	/**
	 * The station's site list: from {@code override} (the value of {@value #SITES_PROPERTY}) when it is
	 * given, else from {@value #FILE_NAME} in {@code station}; an empty list when there is no file yet.
	 *
	 * @throws IOException in plain words naming the file (or property) and the key that is wrong
	 */
	public static SiteList load(Path station, Optional<String> override) throws IOException {
		Objects.requireNonNull(station, "station");
		if (override.isPresent() && !override.get().isBlank()) {
			return fromProperty(override.get());
		}
		Path file = station.resolve(FILE_NAME);
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		} catch (NoSuchFileException e) {
			return new SiteList(Optional.of(file), List.of(), false);
		}
		Properties properties = new Properties();
		properties.load(new StringReader(text));
		Map<Integer, SiteAddress> numbered = new TreeMap<>();
		boolean autoStart = false;
		for (String key : properties.stringPropertyNames()) {
			String value = properties.getProperty(key).strip();
			Matcher site = SITE_KEY.matcher(key);
			if (key.equals(AUTO_START)) {
				if (!value.equals("true") && !value.equals("false")) {
					throw new IOException(file + ": auto-start is true or false, not '" + value + "'");
				}
				autoStart = Boolean.parseBoolean(value);
			} else if (site.matches()) {
				try {
					numbered.put(Integer.valueOf(site.group(1)), SiteAddress.parse(value));
				} catch (IllegalArgumentException e) {
					throw new IOException(file + ": " + key + ": " + e.getMessage(), e);
				}
			} else {
				throw new IOException(file + ": unknown key '" + key + "'; " + FORMAT);
			}
		}
		List<SiteAddress> sites = new ArrayList<>(numbered.values());
		refuseDuplicates(sites, file.toString());
		return new SiteList(Optional.of(file), sites, autoStart);
	}

	private static SiteList fromProperty(String value) throws IOException {
		List<SiteAddress> sites = new ArrayList<>();
		for (String one : value.split(",")) {
			if (one.isBlank()) {
				continue;
			}
			try {
				sites.add(SiteAddress.parse(one.strip()));
			} catch (IllegalArgumentException e) {
				throw new IOException("-D" + SITES_PROPERTY + ": " + e.getMessage(), e);
			}
		}
		refuseDuplicates(sites, "-D" + SITES_PROPERTY);
		return new SiteList(Optional.empty(), sites, false);
	}

	private static void refuseDuplicates(List<SiteAddress> sites, String where) throws IOException {
		for (int i = 0; i < sites.size(); i++) {
			if (sites.subList(0, i).contains(sites.get(i))) {
				throw new IOException(where + ": site " + sites.get(i) + " is listed twice; one fixture is one site");
			}
		}
	}

	/** The sites, in tile order. */
	public List<SiteAddress> sites() {
		return sites;
	}

	/** Whether opening a job starts every site (each then waits for a device to answer). */
	public boolean autoStart() {
		return autoStart;
	}

	/** The file this list is kept in; empty when {@value #SITES_PROPERTY} gave it, which is never saved. */
	public Optional<Path> file() {
		return file;
	}

	/**
	 * @throws IllegalArgumentException in plain words when the site is listed already
	 */
	public SiteList withSite(SiteAddress site) {
		Objects.requireNonNull(site, "site");
		if (sites.contains(site)) {
			throw new IllegalArgumentException("site " + site + " is listed already");
		}
		List<SiteAddress> more = new ArrayList<>(sites);
		more.add(site);
		return new SiteList(file, more, autoStart);
	}

	public SiteList withoutSite(SiteAddress site) {
		List<SiteAddress> fewer = new ArrayList<>(sites);
		fewer.remove(site);
		return new SiteList(file, fewer, autoStart);
	}

	public SiteList withAutoStart(boolean on) {
		return new SiteList(file, sites, on);
	}

	/**
	 * Writes the list to its file (0600, atomically), numbering the sites from 1 in tile order; a list
	 * given by {@value #SITES_PROPERTY} is not written.
	 */
	public void save() throws IOException {
		if (file.isEmpty()) {
			return;
		}
		StringWriter text = new StringWriter();
		text.write("# Mintage station: the fixtures of this station, in tile order (site.N=PROBE:PORT), and\n");
		text.write("# whether the window starts every site when it opens a job. See docs/formats.md, \"State files\".\n");
		for (int i = 0; i < sites.size(); i++) {
			text.write("site." + (i + 1) + "=" + escape(sites.get(i).toString()) + "\n");
		}
		text.write(AUTO_START + "=" + autoStart + "\n");
		PrivateFiles.writeAtomically(file.get(), text.toString().getBytes(StandardCharsets.UTF_8));
	}

	/** A value as java.util.Properties reads it back: backslashes doubled, leading blanks kept. */
	private static String escape(String value) {
		StringBuilder escaped = new StringBuilder();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\') {
				escaped.append("\\\\");
			} else if (c == ' ' && i == 0) {
				escaped.append("\\ ");
			} else if (c > 0x7e || c < 0x20) {
				escaped.append(String.format("\\u%04x", (int) c));
			} else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

	@Override
	public String toString() {
		return sites + (autoStart ? " (auto-start)" : "") + file.map(f -> " in " + f).orElse(" from -D" + SITES_PROPERTY);
	}
}
