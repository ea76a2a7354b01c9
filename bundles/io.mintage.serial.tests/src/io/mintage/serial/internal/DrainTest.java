package io.mintage.serial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.mintage.serial.Drain;
import io.mintage.serial.LinePair;
import io.mintage.serial.SerialSettings;

/** Draining a line to silence, as probes do before a retry. */
class DrainTest {

	@Test
	void dropsWhatCameAndStopsWhenQuiet() throws Exception {
		LinePair pair = LinePair.create("drain", SerialSettings.noParity(115200));
		pair.device().write(new byte[300]);
		assertEquals(300, Drain.untilQuiet(pair.host(), Duration.ofMillis(20), Duration.ofSeconds(1)));
		assertEquals(0, pair.host().read(new byte[1], 0, 1, Duration.ofMillis(10)));
	}

	@Test
	void aLineThatKeepsTalkingIsLeftAfterTheLimit() throws Exception {
		LinePair pair = LinePair.create("chatty", SerialSettings.noParity(115200));
		Thread talker = new Thread(() -> {
			try {
				for (int i = 0; i < 100; i++) {
					pair.device().write(new byte[10]);
					Thread.sleep(5);
				}
			} catch (Exception e) {
				// the pair closed: done
			}
		});
		talker.start();
		long start = System.nanoTime();
		Drain.untilQuiet(pair.host(), Duration.ofMillis(50), Duration.ofMillis(150));
		long took = (System.nanoTime() - start) / 1_000_000;
		talker.interrupt();
		talker.join();
		assertEquals(true, took < 400, "took " + took + " ms");
	}
}
