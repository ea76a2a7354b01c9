package io.mintage.admin;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.mintage.trust.RecordOptions;

/** A job package as recorded: its id and name, the quota it carries, its firmware and record options. */
public record Job(UUID id, String name, UUID quotaId, long firmwareId, RecordOptions recordOptions, Instant issuedAt) {

	public Job {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(quotaId, "quotaId");
		Objects.requireNonNull(recordOptions, "recordOptions");
		Objects.requireNonNull(issuedAt, "issuedAt");
	}
}
