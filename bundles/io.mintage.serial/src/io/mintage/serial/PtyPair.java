package io.mintage.serial;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two linked pseudo-terminals made by socat ({@code socat -d -d pty,raw,echo=0,link=A
 * pty,raw,echo=0,link=B}): what is written to one link is read from the other. An emulator listens on
 * one, a real client (a probe driver, stm32flash, lpc21isp) opens the other as if it were a USB-UART
 * adapter. Needs the socat program (Debian package socat). Closing stops socat; both links go away and
 * whoever still has an end open gets an I/O error.
 */
public final class PtyPair implements AutoCloseable {

	private static final long START_TIMEOUT_MS = 5_000;

	private final Process socat;
	private final Path first;
	private final Path second;
	private final Path log;

	private PtyPair(Process socat, Path first, Path second, Path log) {
		this.socat = socat;
		this.first = first;
		this.second = second;
		this.log = log;
	}

	/**
	 * Starts socat and waits until both links exist.
	 *
	 * @param first  where the first link goes (must not exist yet); its folder must exist
	 * @param second where the second link goes
	 * @throws IOException in plain words when socat is missing, a link path is taken, or socat does not
	 *                     come up within 5 s
	 */
	public static PtyPair create(Path first, Path second) throws IOException {
		for (Path link : List.of(first, second)) {
			if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
				throw new IOException(link + " exists already: choose another path for the pty link, or remove it");
			}
		}
		Path log = Files.createTempFile("mintage-socat-", ".log");
		Process socat;
		try {
			socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + first,
					"pty,raw,echo=0,link=" + second).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		} catch (IOException e) {
			Files.deleteIfExists(log);
			throw new IOException("socat could not be started (" + e.getMessage()
					+ "); it makes the pty pair: install it with 'apt-get install socat'", e);
		}
		PtyPair pair = new PtyPair(socat, first, second, log);
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
		try {
			// socat announces "starting data transfer loop" once both ptys are open and linked
			while (!(Files.exists(first) && Files.exists(second) && pair.logText().contains("starting data transfer loop"))) {
				if (!socat.isAlive()) {
					String text = pair.logText().strip();
					pair.close();
					throw new IOException("socat stopped before the pty pair was ready: " + text);
				}
				if (System.nanoTime() > deadline) {
					pair.close();
					throw new IOException("socat did not make the pty pair " + first + " / " + second + " within "
							+ START_TIMEOUT_MS + " ms");
				}
				Thread.sleep(5);
			}
		} catch (InterruptedException e) {
			pair.close();
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while socat was starting");
		}
		return pair;
	}

	private String logText() {
		try {
			return Files.readString(log, StandardCharsets.UTF_8);
		} catch (IOException e) {
			return "";
		}
	}

	/** The first link (by convention the device end, where an emulator listens). */
	public Path first() {
		return first;
	}

	/** The second link (by convention the host end a client opens). */
	public Path second() {
		return second;
	}

	/** Whether socat still runs, i.e. the two links are still joined. */
	public boolean isAlive() {
		return socat.isAlive();
	}

	/** Stops socat and removes the links. */
	@Override
	public void close() {
		socat.destroy();
		try {
			if (!socat.waitFor(2, TimeUnit.SECONDS)) {
				socat.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
			}
		} catch (InterruptedException e) {
			socat.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		for (Path p : List.of(first, second, log)) {
			try {
				Files.deleteIfExists(p);
			} catch (IOException e) {
				// a link socat left behind is harmless: create() refuses to reuse it, naming it
			}
		}
	}

	@Override
	public String toString() {
		return "pty pair " + first + " <-> " + second;
	}
}
