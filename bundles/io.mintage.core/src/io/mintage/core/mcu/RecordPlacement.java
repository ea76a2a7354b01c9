package io.mintage.core.mcu;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a chip's device record may be written. A rule rather than an address, because the concrete
 * place depends on the flash size the chip reports ({@link McuVariant#forFlashSize(long)}).
 */
public enum RecordPlacement {
	/** The last page or sector of main flash: erasable, so a record can be rewritten. */
	LAST_ERASE_UNIT("last-erase-unit"),
	/** The one-time-programmable area: cannot be erased, so a record written there is final. */
	OTP("otp");

	private final String id;

	RecordPlacement(String id) {
		this.id = id;
	}

	/**
	 * The persisted name: in family descriptors ({@code "record"}) and job packages
	 * ({@code recordPlacement}, docs/formats.md). Never renamed.
	 */
	public String id() {
		return id;
	}

	/** The placement of that persisted name. */
	public static Optional<RecordPlacement> ofId(String id) {
		return Arrays.stream(values()).filter(placement -> placement.id.equals(id)).findFirst();
	}
}
