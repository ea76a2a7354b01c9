package io.mintage.admin;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One admin action as the audit log keeps it: what was done ({@code action}, a persisted name such as
 * {@code quota-issued}), to what ({@code subject}: a quota id, a station serial), details, by whom.
 */
public record AuditEntry(long sequence, Instant time, String action, String subject, Optional<String> detail,
		Optional<String> user) {

	public AuditEntry {
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(detail, "detail");
		Objects.requireNonNull(user, "user");
	}
}
