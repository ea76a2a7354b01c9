package io.mintage.core.mcu;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The readout/code protection a family offers and how each level is set. Levels a station must never
 * set (STM32 RDP level 2, LPC CRP3) are listed with {@link Policy#REFUSED} rather than left out, so a
 * probe that finds one on a chip can name it.
 *
 * @param scheme  which protection mechanism this is
 * @param address where the setting lives: the RDP option byte, or the CRP word in flash (LPC 0x2FC)
 * @param width   bytes of the setting at {@code address}
 * @param levels  from least to most protected
 */
public record Protection(Scheme scheme, long address, int width, List<Level> levels) {

	public enum Scheme {
		/** The variant documents no protection (only from the short {@link McuVariant} constructor). */
		NONE,
		/** STM32F0/F4: RDP 0xAA level 0, 0xCC level 2, anything else level 1. */
		STM32_RDP,
		/** STM32F1: RDP 0xA5 open, anything else protected; no level 2. */
		STM32F1_RDP,
		/** LPC11xx: the 32-bit CRP word at 0x2FC of the image, effective after reset. */
		LPC_CRP
	}

	/** How a level is reached. */
	public enum SetBy {
		/** It is the state of a new or mass-erased chip. */
		DEFAULT,
		/** STM32 bootloader Readout Protect (0x82); the chip resets. */
		READOUT_PROTECT_COMMAND,
		/** STM32 bootloader Readout Unprotect (0x92): mass erase, then reset. */
		READOUT_UNPROTECT_COMMAND,
		/** Writing the option bytes. */
		OPTION_BYTES,
		/** A value in the firmware image itself (LPC CRP word). */
		IMAGE_WORD
	}

	/** What a production job may do with a level. */
	public enum Policy {
		ALLOWED,
		/** Only when the job states it explicitly (e.g. LPC CRP2, which also blocks re-programming). */
		EXPLICIT_ONLY,
		/** Never set by Mintage: irreversible or makes the chip unusable for the station. */
		REFUSED
	}

	/**
	 * @param name       e.g. "level 1", "CRP1"
	 * @param rank       0 = open, higher = more protected
	 * @param value      the setting's value for this level; empty = any value no other level names
	 * @param setBy      how the level is reached
	 * @param policy     what a job may do
	 * @param effect     what the level means, in plain words
	 */
	public record Level(String name, int rank, OptionalLong value, SetBy setBy, Policy policy, String effect) {
		public Level {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(value, "value");
			Objects.requireNonNull(setBy, "setBy");
			Objects.requireNonNull(policy, "policy");
			Objects.requireNonNull(effect, "effect");
		}
	}

	public Protection {
		Objects.requireNonNull(scheme, "scheme");
		levels = List.copyOf(levels);
	}

	/** The level a raw setting read from the chip means. */
	public Optional<Level> levelOf(long settingValue) {
		for (Level level : levels) {
			if (level.value().isPresent() && level.value().getAsLong() == settingValue) {
				return Optional.of(level);
			}
		}
		return levels.stream().filter(l -> l.value().isEmpty()).findFirst();
	}

	/** A family that documents no protection. */
	public static Protection none() {
		return new Protection(Scheme.NONE, 0, 0, List.of());
	}
}
