package io.mintage.ui.station.model;

import java.util.Set;

import io.mintage.ledger.LedgerEventTypes;

/** The kinds of log lines the operator can show alone, by ledger event type (docs/formats.md, "Event types"). */
public enum LogFilter {
	ALL("All events", Set.of()),
	PASSED("Passed devices", Set.of(LedgerEventTypes.DEVICE_COMPLETED)),
	FAILED("Failed devices", Set.of(LedgerEventTypes.DEVICE_FAILED)),
	AUTHORIZED("Serials authorized", Set.of(LedgerEventTypes.DEVICE_AUTHORIZED)),
	REWORK("Rework", Set.of(LedgerEventTypes.DEVICE_REWORK)),
	JOBS("Jobs accepted", Set.of(LedgerEventTypes.JOB_ACCEPTED)),
	CHECKPOINTS("Checkpoints", Set.of(LedgerEventTypes.CHECKPOINT)),
	NOTES("Station notes", Set.of(LogEntry.NOTE));

	private final String label;
	private final Set<String> types;

	LogFilter(String label, Set<String> types) {
		this.label = label;
		this.types = types;
	}

	public String label() {
		return label;
	}

	public boolean accepts(LogEntry entry) {
		return types.isEmpty() || types.contains(entry.type());
	}

	/** Whether the line is of this kind and mentions {@code text}. */
	public boolean accepts(LogEntry entry, String text) {
		return accepts(entry) && entry.mentions(text);
	}
}
