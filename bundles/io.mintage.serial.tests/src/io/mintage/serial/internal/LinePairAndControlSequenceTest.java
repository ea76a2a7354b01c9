package io.mintage.serial.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mintage.serial.ControlSequence;
import io.mintage.serial.ControlSequence.Line;
import io.mintage.serial.ControlSequence.SetLine;
import io.mintage.serial.ControlSequence.Wait;
import io.mintage.serial.LinePair;
import io.mintage.serial.SerialLine;
import io.mintage.serial.SerialSettings;

class LinePairAndControlSequenceTest {

	@Test
	void whatOneEndWritesTheOtherReads() throws Exception {
		LinePair pair = LinePair.create("test", SerialSettings.evenParity(115200));
		byte[] big = new byte[10_000];
		for (int i = 0; i < big.length; i++) {
			big[i] = (byte) i;
		}
		pair.host().write(big);
		assertArrayEquals(big, pair.device().readExactly(big.length, Duration.ofSeconds(1)));
		pair.device().write((byte) 0x79);
		assertArrayEquals(new byte[] { 0x79 }, pair.host().readExactly(1, Duration.ofSeconds(1)));
		assertEquals(0, pair.host().read(new byte[1], 0, 1, Duration.ofMillis(10)));
	}

	@Test
	void closingEitherEndEndsBoth() throws Exception {
		LinePair pair = LinePair.create("test", SerialSettings.evenParity(115200));
		SerialLine host = pair.host();
		pair.device().close();
		assertThrows(IOException.class, () -> host.read(new byte[1], 0, 1, Duration.ofMillis(10)));
		assertThrows(IOException.class, () -> host.write((byte) 1));
	}

	@Test
	void discardAndBaudRate() throws Exception {
		LinePair pair = LinePair.create("test", SerialSettings.evenParity(115200));
		pair.host().write(new byte[] { 1, 2, 3 });
		pair.device().discardInput();
		assertEquals(0, pair.device().read(new byte[3], 0, 3, Duration.ZERO));
		pair.device().setBaudRate(9600);
		assertEquals(SerialSettings.evenParity(9600), pair.device().settings());
		IOException e = assertThrows(IOException.class, () -> pair.host().control(ControlSequence.parse("dtr")));
		assertTrue(e.getMessage().contains("in-memory line"), e.getMessage());
	}

	@Test
	void aControlSequenceIsParsedStepByStep() {
		ControlSequence sequence = ControlSequence.parse("rts, -DTR,100,dtr");
		assertEquals(List.of(new SetLine(Line.RTS, true), new SetLine(Line.DTR, false), new Wait(Duration.ofMillis(100)),
				new SetLine(Line.DTR, true)), sequence.steps());
		assertEquals("rts, -DTR,100,dtr", sequence.toString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "dtr,reset", "-100", "10001", "dtr,,rts", "-5" })
	void aWrongStepIsNamed(String text) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ControlSequence.parse(text));
		assertTrue(e.getMessage().contains("in the control sequence '" + text + "'"), e.getMessage());
	}

	@Test
	void wireTimeOf8E1() {
		assertEquals(11, SerialSettings.evenParity(115200).bitsPerByte());
		assertEquals(95_486, SerialSettings.evenParity(115200).nanosPerByte());
		assertEquals(10, SerialSettings.noParity(115200).bitsPerByte());
	}
}
