package io.mintage.admin;

import java.util.Objects;
import java.util.UUID;

import io.mintage.trust.RecordOptions;

/** A job package as recorded: its id and name, its quota, firmware and record options, the file's bytes. */
public record IssuedJob(UUID id, String name, Quota quota, Firmware firmware, RecordOptions recordOptions,
		byte[] jobPackage) {

	public IssuedJob {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(quota, "quota");
		Objects.requireNonNull(firmware, "firmware");
		Objects.requireNonNull(recordOptions, "recordOptions");
		jobPackage = jobPackage.clone();
	}

	@Override
	public byte[] jobPackage() {
		return jobPackage.clone();
	}
}
