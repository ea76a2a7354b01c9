package io.mintage.trust;

import java.util.Objects;
import java.util.Optional;

import io.mintage.core.mcu.RecordPlacement;
import io.mintage.trust.internal.Der;

/**
 * What the admin decided for a job's chips (docs/formats.md, "RecordOptions"): how the station makes
 * their device records and what it may do to the chip around them.
 *
 * @param bindFirmwareHash      the records carry the firmware's SHA-256 (device record flag bit 0)
 * @param protection            the protection level, by its name in the family's descriptor (e.g.
 *                              "protected", "level 1", "CRP1"), the station sets after verify; empty:
 *                              the chip is left as it is
 * @param allowUnprotect        a read-protected chip may be unprotected, which mass-erases it; otherwise
 *                              the station refuses such a chip
 * @param recordPlacement       where the record goes, a {@link RecordPlacement#id()} ("last-erase-unit",
 *                              "otp"); empty: the family's default for the chip's variant
 * @param acceptUndocumentedUid chips whose UID location is undocumented (STM32F030/F070) may be
 *                              provisioned, their UID read where it probably is
 */
public record RecordOptions(boolean bindFirmwareHash, Optional<String> protection, boolean allowUnprotect,
		Optional<String> recordPlacement, boolean acceptUndocumentedUid) {

	public RecordOptions {
		Objects.requireNonNull(protection, "protection");
		Objects.requireNonNull(recordPlacement, "recordPlacement");
		if (protection.isPresent() && (protection.get().isEmpty() || !Der.isUtf8(protection.get()))) {
			throw new IllegalArgumentException("a protection level is named by a non-empty text UTF-8 can hold, not '"
					+ protection.get() + "'");
		}
		if (recordPlacement.isPresent() && RecordPlacement.ofId(recordPlacement.get()).isEmpty()) {
			throw new IllegalArgumentException("a record placement is " + placementIds() + ", not '"
					+ recordPlacement.get() + "'");
		}
	}

	/** Only the firmware hash decided; every other option absent or false, the station's defaults. */
	public RecordOptions(boolean bindFirmwareHash) {
		this(bindFirmwareHash, Optional.empty(), false, Optional.empty(), false);
	}

	/** {@link #recordPlacement()} as the placement it names. */
	public Optional<RecordPlacement> placement() {
		return recordPlacement.flatMap(RecordPlacement::ofId);
	}

	/**
	 * The options in words for people (the admin issuing, the operator listing jobs): what the station
	 * will do to the job's chips.
	 */
	public String summary() {
		StringBuilder words = new StringBuilder(bindFirmwareHash ? "firmware hash in records" : "no firmware hash in records");
		words.append(protection.map(level -> ", protect '" + level + "' after verify").orElse(", protection left as found"));
		words.append(allowUnprotect ? ", protected chips unprotected (mass erase)" : ", protected chips refused");
		words.append(", record in ").append(recordPlacement.orElse("the family's default place"));
		words.append(acceptUndocumentedUid ? ", chips with an undocumented UID accepted"
				: ", chips with an undocumented UID refused");
		return words.toString();
	}

	private static String placementIds() {
		StringBuilder ids = new StringBuilder();
		RecordPlacement[] all = RecordPlacement.values();
		for (int i = 0; i < all.length; i++) {
			ids.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ").append('\'').append(all[i].id()).append('\'');
		}
		return ids.toString();
	}
}
