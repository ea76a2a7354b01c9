package io.mintage.trust;

/**
 * The product a firmware and its records belong to: an unsigned 32-bit value the company chooses. The
 * firmware has it compiled in, so a record made for one product never runs another's firmware.
 */
public record ProductId(long value) {

	public ProductId {
		if (value < 0 || value > 0xFFFF_FFFFL) {
			throw new IllegalArgumentException("a product id is an unsigned 32-bit value, not " + value);
		}
	}

	/** Eight hex digits, as in C sources and the test vectors: {@code 0x13572468}. */
	@Override
	public String toString() {
		return String.format("0x%08x", value);
	}
}
