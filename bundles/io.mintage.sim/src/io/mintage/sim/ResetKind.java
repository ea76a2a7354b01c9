package io.mintage.sim;

/** Why an emulated chip starts again from its boot ROM; decides which state survives. */
public enum ResetKind {
	/** First power-up of the emulator: every memory in its delivery or configured state. */
	POWER_ON,
	/** Power was removed and came back: RAM and registers are lost, flash and option bytes stay. */
	POWER_CYCLE,
	/** The reset pin was pulled: registers back to reset values, flash and option bytes stay. */
	RESET_PIN,
	/** The chip reset itself (e.g. after an option-byte change or readout (un)protect). */
	SOFTWARE
}
