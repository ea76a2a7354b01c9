package io.mintage.ledger.internal;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerEventTypes;
import io.mintage.ledger.LedgerException;
import io.mintage.trust.ReportEvent;

/**
 * Walks the whole ledger once, row by row: sequence numbers without gaps from 1, every chain hash
 * recomputed from the row's content and the stored hash before it, every checkpoint's signature checked
 * with the station certificate; then every recorded report against the events it ended with. Only the
 * previous row's hash is kept, so memory stays flat however long the ledger is.
 */
public final class ChainVerifier {

	/** Problems named one by one; beyond this many they are counted. */
	private static final int PROBLEMS_NAMED = 10;

	private final Checkpoints.Checker checker;
	private final List<String> problems = new ArrayList<>();
	private long problemCount;
	private long events;
	private long checkpoints;
	private long expected = 1;
	private byte[] previous = EventTable.GENESIS;

	private ChainVerifier(Checkpoints.Checker checker) {
		this.checker = checker;
	}

	public static Ledger.Verification verify(Connection connection, Path file, X509Certificate station)
			throws LedgerException {
		Checkpoints.Checker checker;
		try {
			checker = new Checkpoints.Checker(station);
		} catch (GeneralSecurityException e) {
			throw new LedgerException("the ledger " + file + " cannot be verified: the station certificate's key"
					+ " cannot check signatures (" + e.getMessage() + ")", e);
		}
		ChainVerifier verifier = new ChainVerifier(checker);
		return Transactions.snapshot(connection, file, "it cannot be read to the end for verification", c -> {
			EventTable.scan(c, Long.MIN_VALUE, verifier::visit);
			ReportTable.forEach(c, report -> verifier.checkReport(c, report));
			return verifier.result();
		});
	}

	private void visit(java.sql.ResultSet row) throws java.sql.SQLException {
		long sequence = row.getLong(1);
		boolean afterGap = sequence != expected;
		if (sequence < expected) {
			problem("event " + sequence + ": the ledger never gives this sequence number (the row was added)");
		} else if (afterGap) {
			problem(missing(expected, sequence - 1));
		}
		events++;
		expected = Math.max(expected, sequence + 1);
		EventTable.Row read;
		try {
			read = EventTable.read(row);
		} catch (EventTable.UnreadableRowException e) {
			problem("event " + sequence + ": its content cannot be read (" + e.getMessage() + "; the row was changed)");
			byte[] stored = row.getBytes(9);
			previous = stored == null ? new byte[0] : stored;
			return;
		}
		ReportEvent event = read.event();
		// after a gap the hash before this row is gone with the missing rows: the gap is the problem named
		boolean hashKnown = !afterGap && previous.length == ReportEvent.CHAIN_HASH_LENGTH;
		if (hashKnown && !Arrays.equals(event.chainHash(previous), read.chainHash())) {
			problem("event " + sequence + ": its chain hash does not match its content (the row was changed)");
		}
		if (event.type().equals(LedgerEventTypes.CHECKPOINT)) {
			checkpoints++;
			if (!event.detail().equals(Optional.of(Checkpoints.detail(sequence - 1)))) {
				problem("checkpoint " + sequence + ": it does not name event " + (sequence - 1) + " as the one it signs");
			} else if (event.record().isEmpty()) {
				problem("checkpoint " + sequence + ": it holds no signature");
			} else if (hashKnown && !checker.verifies(previous, event.record().get())) {
				problem("checkpoint " + sequence + ": the signature does not verify with the station certificate");
			}
		}
		previous = read.chainHash();
	}

	private void checkReport(Connection connection, ReportTable.Recorded report) throws java.sql.SQLException {
		long last = report.lastSequence();
		if (last >= expected) {
			problem(missing(expected, last) + ": report " + report.reportId() + " holds them");
			return;
		}
		byte[] hash = last == 0 ? EventTable.GENESIS : EventTable.chainHashOf(connection, last).orElse(null);
		if (hash != null && !Arrays.equals(hash, report.lastChainHash())) {
			problem("report " + report.reportId() + " ended with event " + last + " at another chain hash than the"
					+ " ledger has now (the ledger was rewritten after the report)");
		}
	}

	private static String missing(long from, long to) {
		return from == to ? "event " + from + " is missing" : "events " + from + " to " + to + " are missing";
	}

	private void problem(String problem) {
		problemCount++;
		if (problems.size() < PROBLEMS_NAMED) {
			problems.add(problem);
		}
	}

	private Ledger.Verification result() {
		if (problemCount == 0) {
			return new Ledger.Verification(events, checkpoints, Optional.empty());
		}
		String named = String.join("; ", problems);
		long more = problemCount - problems.size();
		return new Ledger.Verification(events, checkpoints,
				Optional.of(more == 0 ? named : named + "; and " + more + " more problems"));
	}
}
