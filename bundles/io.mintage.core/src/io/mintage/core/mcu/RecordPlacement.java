package io.mintage.core.mcu;

/**
 * Where a chip's device record may be written. A rule rather than an address, because the concrete
 * place depends on the flash size the chip reports ({@link McuVariant#forFlashSize(long)}).
 */
public enum RecordPlacement {
	/** The last page or sector of main flash: erasable, so a record can be rewritten. */
	LAST_ERASE_UNIT,
	/** The one-time-programmable area: cannot be erased, so a record written there is final. */
	OTP
}
