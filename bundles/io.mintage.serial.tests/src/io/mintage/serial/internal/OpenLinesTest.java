package io.mintage.serial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.serial.PtyPair;
import io.mintage.serial.SerialLine;
import io.mintage.serial.SerialSettings;

/**
 * What the JVM's shutdown waits for before jSerialComm closes every port: the lines open when it began,
 * until their owners close them. Real jSerialComm lines on a socat pty pair; the hook's wait is called
 * directly (a test cannot shut its own JVM down).
 */
class OpenLinesTest {

	@TempDir
	Path folder;

	private PtyPair pair;
	private final JSerialCommPorts ports = new JSerialCommPorts();

	@BeforeEach
	void pair() throws Exception {
		pair = PtyPair.create(folder.resolve("ttyA"), folder.resolve("ttyB"));
	}

	@AfterEach
	void close() {
		pair.close();
	}

	@Test
	void aLineInUseIsLeftToItsOwnerUntilItIsClosed() throws Exception {
		SerialLine line = ports.open(pair.first().toString(), SerialSettings.evenParity(115_200));
		CompletableFuture<List<String>> shutdown = CompletableFuture
				.supplyAsync(() -> OpenLines.awaitClosed(Duration.ofSeconds(60)));
		assertFalse(shutdown.isDone(), "the shutdown goes on while " + line.name() + " is open");
		// the owner finishes its work and closes the line, twice as it happens
		line.close();
		line.close();
		assertFalse(shutdown.get(60, TimeUnit.SECONDS).contains(line.name()));
	}

	@Test
	void aLineNeverClosedIsNamedOnceTheGraceIsOver() throws Exception {
		SerialLine line = ports.open(pair.first().toString(), SerialSettings.evenParity(115_200));
		try {
			assertTrue(OpenLines.awaitClosed(Duration.ofMillis(20)).contains(line.name()));
		} finally {
			line.close();
		}
		assertEquals(List.of(), OpenLines.awaitClosed(Duration.ZERO).stream().filter(line.name()::equals).toList());
	}
}
