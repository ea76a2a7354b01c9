package io.mintage.admin;

import java.util.Objects;
import java.util.Optional;

import io.mintage.trust.ProductInfo;
import io.mintage.trust.RecordOptions;

/**
 * A job package to issue: for a station (certificate serial, hex), a firmware version of the database
 * ({@link Firmware#id}), the job's name (empty: product name and firmware version), the record options,
 * its quota: a new one ({@code newQuota}) or a quota key issued before ({@code quotaKey}, its bytes), and
 * the product as the job names it ({@code product}; empty: as the database has it; its id must be the
 * firmware's product). A job naming the product otherwise (another name, another MCU family) is what
 * releases before the database did; the database's product is left as it is.
 */
public record JobRequest(String station, long firmwareId, Optional<String> name, RecordOptions recordOptions,
		Optional<QuotaRequest> newQuota, Optional<byte[]> quotaKey, Optional<ProductInfo> product) {

	public JobRequest {
		Objects.requireNonNull(station, "station");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(recordOptions, "recordOptions");
		Objects.requireNonNull(newQuota, "newQuota");
		Objects.requireNonNull(quotaKey, "quotaKey");
		Objects.requireNonNull(product, "product");
		if (newQuota.isPresent() == quotaKey.isPresent()) {
			throw new IllegalArgumentException("a job carries either a new quota or a quota key issued before");
		}
		quotaKey = quotaKey.map(byte[]::clone);
	}
}
