package io.mintage.admin.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.CommandException;
import io.mintage.core.mcu.McuFamily;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.mcu.Protection;
import io.mintage.core.mcu.Quirk;
import io.mintage.core.mcu.RecordPlacement;
import io.mintage.trust.RecordOptions;

/**
 * The record options of {@code issue-job}, checked against the job's MCU family descriptor before
 * anything is signed: a station must never receive a job whose options no chip of the family can
 * carry out, and an admin should learn that at the desk, with the choices in front of them.
 */
final class RecordOptionArguments {

	static final String BIND_HASH = "--bind-firmware-hash";
	static final String PROTECT = "--protect";
	static final String ALLOW_UNPROTECT = "--allow-unprotect";
	static final String RECORD_PLACE = "--record-place";
	static final String ACCEPT_UNDOCUMENTED_UID = "--accept-undocumented-uid";

	static final Set<String> FLAGS = Set.of(BIND_HASH, ALLOW_UNPROTECT, ACCEPT_UNDOCUMENTED_UID);
	static final Set<String> OPTIONS = Set.of(PROTECT, RECORD_PLACE);

	static final String USAGE = """
			  --bind-firmware-hash  records carry the firmware's SHA-256: devices refuse other firmware
			  --protect LEVEL       the protection level the station sets after verify, a level name of the
			                        family (e.g. stm32f1: protected; stm32f0/f4: 'level 1'; lpc11c24: CRP1);
			                        default: the chip's protection is left as it is
			  --allow-unprotect     a read-protected chip may be unprotected, which erases all its flash;
			                        default: such a chip is refused
			  --record-place PLACE  where the device record goes: last-erase-unit or otp, as the family
			                        offers; default: the family's place for the chip's variant
			  --accept-undocumented-uid
			                        provision chips whose UID is not documented for every part with their
			                        ID (STM32F030/F070) with the UID where it probably is; default: refused\
			""";

	private RecordOptionArguments() {
	}

	/** The options given, or a usage error naming the option and what the family offers instead. */
	static RecordOptions of(Arguments arguments, McuFamily family) throws CommandException {
		Optional<String> protection = arguments.option(PROTECT);
		if (protection.isPresent()) {
			checkLevel(protection.get(), family);
		}
		if (arguments.has(ALLOW_UNPROTECT) && levels(family).isEmpty()) {
			throw CommandException.usage(ALLOW_UNPROTECT + ": the " + family.displayName()
					+ " documents no readout protection, so there is nothing to unprotect");
		}
		Optional<String> placement = arguments.option(RECORD_PLACE);
		if (placement.isPresent()) {
			checkPlacement(placement.get(), family);
		}
		if (arguments.has(ACCEPT_UNDOCUMENTED_UID) && family.variants().stream().noneMatch(
				RecordOptionArguments::hasUndocumentedUid)) {
			throw CommandException.usage(ACCEPT_UNDOCUMENTED_UID + ": every " + family.displayName()
					+ " variant has a documented UID, so there is no risk to accept");
		}
		return new RecordOptions(arguments.has(BIND_HASH), protection, arguments.has(ALLOW_UNPROTECT), placement,
				arguments.has(ACCEPT_UNDOCUMENTED_UID));
	}

	/**
	 * What the admin should know before handing the job over: the variants of the family for which the
	 * options cannot be carried out, whose chips the station will therefore refuse.
	 */
	static List<String> notes(RecordOptions options, McuFamily family) {
		List<String> notes = new ArrayList<>();
		options.protection().ifPresent(level -> {
			List<String> without = family.variants().stream()
					.filter(v -> v.protection().levels().stream().noneMatch(l -> l.name().equals(level)))
					.map(McuVariant::name).toList();
			if (!without.isEmpty()) {
				notes.add("the protection level '" + level + "' is unknown to " + without.size() + " of "
						+ family.variants().size() + " " + family.displayName() + " variants (" + String.join(", ", without)
						+ "): the station refuses their chips");
			}
		});
		options.placement().ifPresent(placement -> {
			List<String> without = family.variants().stream().filter(v -> !v.recordPlacements().contains(placement))
					.map(McuVariant::name).toList();
			if (!without.isEmpty()) {
				notes.add("the record place '" + placement.id() + "' is not offered by " + without.size() + " of "
						+ family.variants().size() + " " + family.displayName() + " variants (" + String.join(", ", without)
						+ "): the station refuses their chips");
			}
		});
		return notes;
	}

	private static void checkLevel(String name, McuFamily family) throws CommandException {
		Map<String, Protection.Level> levels = levels(family);
		if (levels.isEmpty()) {
			throw CommandException.usage(PROTECT + ": the " + family.displayName()
					+ " documents no protection levels, so there is none to set");
		}
		Protection.Level level = levels.get(name);
		List<String> settable = levels.values().stream().filter(l -> l.policy() != Protection.Policy.REFUSED)
				.map(l -> quoted(l.name())).toList();
		List<String> refused = levels.values().stream().filter(l -> l.policy() == Protection.Policy.REFUSED)
				.map(l -> quoted(l.name())).toList();
		if (level == null) {
			throw CommandException.usage(PROTECT + ": the " + family.displayName() + " knows " + String.join(", ",
					settable) + (refused.isEmpty() ? "" : " (and " + String.join(", ", refused) + ", which Mintage never sets)")
					+ "; " + quoted(name) + " is none of them");
		}
		if (level.policy() == Protection.Policy.REFUSED) {
			throw CommandException.usage(PROTECT + ": Mintage never sets " + quoted(name) + " of the "
					+ family.displayName() + " (" + level.effect() + "); the levels a job may set are "
					+ String.join(", ", settable));
		}
	}

	/**
	 * Every level the family's variants name, least protected first; a level some variant refuses is
	 * refused for the family, since the job does not know which variant its chips will be.
	 */
	private static Map<String, Protection.Level> levels(McuFamily family) {
		Map<String, Protection.Level> levels = new LinkedHashMap<>();
		for (McuVariant variant : family.variants()) {
			for (Protection.Level level : variant.protection().levels()) {
				Protection.Level known = levels.get(level.name());
				if (known == null || level.policy() == Protection.Policy.REFUSED) {
					levels.put(level.name(), level);
				}
			}
		}
		return levels;
	}

	private static void checkPlacement(String id, McuFamily family) throws CommandException {
		List<RecordPlacement> offered = family.variants().stream().flatMap(v -> v.recordPlacements().stream())
				.distinct().sorted().toList();
		Optional<RecordPlacement> placement = RecordPlacement.ofId(id);
		if (placement.isEmpty() || !offered.contains(placement.get())) {
			throw CommandException.usage(RECORD_PLACE + ": the " + family.displayName() + " offers "
					+ offered.stream().map(p -> quoted(p.id())).collect(Collectors.joining(", ")) + "; " + quoted(id)
					+ (placement.isEmpty() ? " is not a record place (last-erase-unit, otp)"
							: " is offered by none of its variants"));
		}
	}

	private static boolean hasUndocumentedUid(McuVariant variant) {
		return variant.undocumentedUid().isPresent() || variant.hasQuirk(Quirk.UID_UNDOCUMENTED);
	}

	private static String quoted(String text) {
		return "'" + text + "'";
	}
}
