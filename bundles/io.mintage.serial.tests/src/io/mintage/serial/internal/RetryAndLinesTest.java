package io.mintage.serial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.mintage.core.progress.ProgressMonitor;
import io.mintage.serial.LinePair;
import io.mintage.serial.Lines;
import io.mintage.serial.Refusal;
import io.mintage.serial.Retry;
import io.mintage.serial.SerialSettings;

class RetryAndLinesTest {

	@Test
	void failuresAreRetriedWithRecoveryAndTheLastIsNamed() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		AtomicInteger recoveries = new AtomicInteger();
		IOException e = assertThrows(IOException.class, () -> new Retry(3).run("reading 0x08000000", () -> {
			throw new IOException("no answer #" + runs.incrementAndGet());
		}, failure -> recoveries.incrementAndGet(), ProgressMonitor.NONE));
		assertEquals("reading 0x08000000 failed 3 times; the last time: no answer #3", e.getMessage());
		assertEquals(2, recoveries.get(), "no recovery after the last attempt");
		assertEquals("ok", new Retry(3).run("x", () -> runs.incrementAndGet() < 6 ? "ok" : "no", f -> {
		}, ProgressMonitor.NONE));
	}

	@Test
	void aRefusalIsPassedOnAtOnceUnwrapped() {
		AtomicInteger runs = new AtomicInteger();
		Refusal refusal = new Refusal("the chip is read-protected");
		Refusal thrown = assertThrows(Refusal.class, () -> new Retry(3).run("reading", () -> {
			runs.incrementAndGet();
			throw refusal;
		}, failure -> {
		}, ProgressMonitor.NONE));
		assertSame(refusal, thrown);
		assertEquals(1, runs.get());
	}

	@Test
	void readByteAndDrain() throws Exception {
		LinePair pair = LinePair.create("test", SerialSettings.evenParity(115_200));
		assertEquals(-1, Lines.readByte(pair.host(), Duration.ofMillis(5)));
		pair.device().write((byte) 0x79, (byte) 0x1F, (byte) 0x1F);
		assertEquals(0x79, Lines.readByte(pair.host(), Duration.ofMillis(100)));
		assertEquals(2, Lines.drain(pair.host(), Duration.ofMillis(10), Duration.ofSeconds(1)));
		assertEquals(0, Lines.drain(pair.host(), Duration.ofMillis(10), Duration.ofSeconds(1)));
	}
}
