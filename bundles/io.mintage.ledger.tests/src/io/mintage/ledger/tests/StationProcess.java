package io.mintage.ledger.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import io.mintage.core.DeviceUid;
import io.mintage.ledger.Ledger;
import io.mintage.sqlite.SqliteNativeLibrary;
import io.mintage.trust.ReportEvent;

/**
 * A station in a process of its own ({@link LedgerStationMain} on a plain class path), so that a test can
 * kill it with SIGKILL or make it hold the ledger. The class path is made of the files the OSGi test
 * runtime loaded the needed bundles from.
 */
final class StationProcess implements AutoCloseable {

	private final Process process;
	private final BufferedReader out;
	private final Path errors;

	private StationProcess(Process process, Path errors) {
		this.process = process;
		this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		this.errors = errors;
	}

	/** Starts {@link LedgerStationMain} with these arguments; its own temporary files go to {@code work}. */
	static StationProcess start(Path work, String... arguments) throws Exception {
		Files.createDirectories(work);
		Path errors = Files.createTempFile(work, "station-", ".err");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// the station's private native-library folder lands in the test's folder, which JUnit removes
		command.add("-Djava.io.tmpdir=" + work);
		command.add("-cp");
		command.add(String.join(java.io.File.pathSeparator, classPath()));
		command.add(LedgerStationMain.class.getName());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
		return new StationProcess(process, errors);
	}

	/** The next line the station printed; fails with what it wrote to stderr when it ended instead. */
	String readLine() throws IOException {
		String line = out.readLine();
		if (line == null) {
			throw new AssertionError("the station process ended (exit " + waitFor() + ") without the expected output;"
					+ " its errors:\n" + Files.readString(errors));
		}
		return line;
	}

	/** SIGKILL, as a power cut or the OOM killer ends a station: no shutdown hook, no finally. */
	void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor();
	}

	/** Lets a station that waits on its input end by itself. */
	int finish() throws IOException, InterruptedException {
		process.getOutputStream().close();
		return waitFor();
	}

	private int waitFor() {
		try {
			return process.waitFor();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	String errors() throws IOException {
		return Files.readString(errors);
	}

	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			kill();
		}
	}

	/**
	 * The jar or folder of every bundle the station needs: the ledger and this test fragment, core, trust,
	 * io.mintage.sqlite, sqlite-jdbc and BouncyCastle (which encodes the events' DER).
	 */
	private static Set<String> classPath() throws Exception {
		Set<String> entries = new LinkedHashSet<>();
		Bundle trust = FrameworkUtil.getBundle(ReportEvent.class);
		for (Class<?> type : List.of(LedgerStationMain.class, Ledger.class, DeviceUid.class, ReportEvent.class,
				org.sqlite.SQLiteConfig.class, SqliteNativeLibrary.class, trust.loadClass("org.bouncycastle.asn1.ASN1Sequence"))) {
			entries.add(fileOf(type));
		}
		return entries;
	}

	private static String fileOf(Class<?> type) throws URISyntaxException {
		CodeSource source = type.getProtectionDomain().getCodeSource();
		if (source == null || source.getLocation() == null) {
			throw new AssertionError("the OSGi runtime does not say where " + type.getName() + " was loaded from");
		}
		return Path.of(source.getLocation().toURI()).toString();
	}
}
