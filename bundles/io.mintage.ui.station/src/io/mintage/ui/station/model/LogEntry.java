package io.mintage.ui.station.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

import io.mintage.trust.ReportEvent;

/**
 * One line of the station's event log: a ledger event (its sequence, type, UID, serial and detail as
 * the ledger holds them) or a note of this window ({@link #NOTE}: a site started or stopped, a job
 * opened, a report exported), which the ledger does not keep.
 *
 * @param sequence the ledger sequence; 0 for a note
 * @param uid      the chip UID in hex, empty when the event has none
 */
public record LogEntry(long sequence, Instant time, String type, String uid, OptionalLong serial, String detail) {

	/** The type of the window's own notes; never a ledger event type. */
	public static final String NOTE = "note";

	public LogEntry {
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(uid, "uid");
		Objects.requireNonNull(serial, "serial");
		Objects.requireNonNull(detail, "detail");
	}

	static LogEntry of(ReportEvent event) {
		return new LogEntry(event.sequence(), event.time(), event.type(), event.uid().map(Object::toString).orElse(""),
				event.serial(), event.detail().orElse(""));
	}

	static LogEntry note(Instant time, String text) {
		return new LogEntry(0, time, NOTE, "", OptionalLong.empty(), text);
	}

	/** Whether the line mentions {@code text} (any column, ignoring case); every line matches blank text. */
	public boolean mentions(String text) {
		if (text == null || text.isBlank()) {
			return true;
		}
		String wanted = text.strip().toLowerCase(Locale.ROOT);
		return type.toLowerCase(Locale.ROOT).contains(wanted) || uid.toLowerCase(Locale.ROOT).contains(wanted)
				|| detail.toLowerCase(Locale.ROOT).contains(wanted)
				|| (serial.isPresent() && Long.toString(serial.getAsLong()).contains(wanted));
	}
}
