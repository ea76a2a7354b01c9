package io.mintage.admin;

import java.time.Instant;
import java.util.Objects;

import io.mintage.trust.ProductId;

/**
 * A firmware version of a product: its label, the SHA-256 of its image (what records bind and the
 * station checks after decrypting), the file's size and name, the image's start and length. The file's
 * bytes are kept in the database ({@link Products#content}).
 */
public record Firmware(long id, ProductId product, String version, String sha256, long size, String fileName,
		long imageStart, long imageLength, Instant addedAt) {

	public Firmware {
		Objects.requireNonNull(product, "product");
		Objects.requireNonNull(version, "version");
		Objects.requireNonNull(sha256, "sha256");
		Objects.requireNonNull(fileName, "fileName");
		Objects.requireNonNull(addedAt, "addedAt");
	}
}
