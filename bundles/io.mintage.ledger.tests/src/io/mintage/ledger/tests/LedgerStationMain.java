package io.mintage.ledger.tests;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

import io.mintage.core.DeviceUid;
import io.mintage.ledger.Ledger;
import io.mintage.ledger.Ledger.Authorization;

/**
 * The station side of the process tests, run outside OSGi by {@link StationProcess}:
 * <ul>
 * <li>{@code hold FILE}: opens the ledger for writing, prints "open", and keeps it until its input ends;
 * <li>{@code authorize FILE FROM}: authorizes UIDs FROM, FROM+1, … (every fourth call first reworks the
 * UID three before) and prints "committed UID SERIAL SEQUENCE REWORK" after each call returned, until killed.
 * </ul>
 */
public final class LedgerStationMain {

	private LedgerStationMain() {
	}

	public static void main(String[] args) throws Exception {
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		Path file = Path.of(args[1]);
		try (Ledger ledger = Ledger.open(file, Clock.systemUTC())) {
			switch (args[0]) {
			case "hold" -> hold(out);
			case "authorize" -> authorize(ledger, Integer.parseInt(args[2]), out);
			default -> throw new IllegalArgumentException("no mode " + args[0]);
			}
		}
	}

	private static void hold(PrintStream out) throws IOException {
		out.println("open");
		while (System.in.read() >= 0) {
			// the ledger stays open until the test closes our input
		}
	}

	private static void authorize(Ledger ledger, int from, PrintStream out) throws Exception {
		for (int n = from, call = 0;; call++) {
			int number = call % 4 == 3 && n - 3 >= 0 ? n - 3 : n++;
			DeviceUid uid = Ledgers.uid(number);
			Authorization a = ledger.authorize(Ledgers.JOB, Ledgers.RANGE, uid, "site " + (call % 4 + 1),
					Ledgers.recordsFor(uid));
			out.println("committed " + number + " " + a.serial().value() + " " + a.sequence() + " " + a.rework());
		}
	}
}
