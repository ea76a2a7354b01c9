package io.mintage.admin;

import java.util.Objects;

/** A quota as recorded and its quota key file's bytes (CMS, docs/formats.md). */
public record IssuedQuota(Quota quota, byte[] quotaKey) {

	public IssuedQuota {
		Objects.requireNonNull(quota, "quota");
		quotaKey = quotaKey.clone();
	}

	@Override
	public byte[] quotaKey() {
		return quotaKey.clone();
	}
}
