package io.mintage.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import io.mintage.core.mcu.McuFamily;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.mcu.Protection;
import io.mintage.core.mcu.Quirk;
import io.mintage.core.mcu.RecordPlacement;
import io.mintage.trust.RecordOptions;

/**
 * The record options a job for an MCU family may carry, as the family's descriptor allows them, and the
 * check of a job's options against them. A station must never receive a job whose options no chip of
 * the family can carry out, and the admin should learn that at the desk with the choices in front of
 * them — on the command line ({@code issue-job}) and in the issue wizard alike, so both ask here.
 */
public final class RecordOptionChoices {

	/** Which option a {@link Problem} is about. */
	public enum Option {
		PROTECTION, ALLOW_UNPROTECT, RECORD_PLACE, ACCEPT_UNDOCUMENTED_UID
	}

	/** Why the options cannot go to the family's chips, in plain words, and which option it concerns. */
	public record Problem(Option option, String message) {
		public Problem {
			Objects.requireNonNull(option, "option");
			Objects.requireNonNull(message, "message");
		}
	}

	private final McuFamily family;
	private final Map<String, Protection.Level> levels;
	private final List<RecordPlacement> placements;

	private RecordOptionChoices(McuFamily family) {
		this.family = family;
		this.levels = levels(family);
		this.placements = family.variants().stream().flatMap(v -> v.recordPlacements().stream()).distinct().sorted()
				.toList();
	}

	public static RecordOptionChoices of(McuFamily family) {
		return new RecordOptionChoices(Objects.requireNonNull(family, "family"));
	}

	public McuFamily family() {
		return family;
	}

	/** The protection levels a job may ask the station to set, least protected first. */
	public List<Protection.Level> settableLevels() {
		return levels.values().stream().filter(l -> l.policy() != Protection.Policy.REFUSED).toList();
	}

	/** The levels the family knows but Mintage never sets (irreversible ones), least protected first. */
	public List<Protection.Level> refusedLevels() {
		return levels.values().stream().filter(l -> l.policy() == Protection.Policy.REFUSED).toList();
	}

	/** The family documents a readout protection, so a job may allow unprotecting a protected chip. */
	public boolean hasProtection() {
		return !levels.isEmpty();
	}

	/** Where the family's variants can keep a device record, in declaration order. */
	public List<RecordPlacement> placements() {
		return placements;
	}

	/** Some variant of the family has a UID that is not documented for every part with its ID. */
	public boolean hasUndocumentedUid() {
		return family.variants().stream().anyMatch(RecordOptionChoices::hasUndocumentedUid);
	}

	/** The first reason the options cannot go to this family's chips, if any. */
	public Optional<Problem> problem(RecordOptions options) {
		if (options.protection().isPresent()) {
			Optional<Problem> level = checkLevel(options.protection().get());
			if (level.isPresent()) {
				return level;
			}
		}
		if (options.allowUnprotect() && !hasProtection()) {
			return problem(Option.ALLOW_UNPROTECT, "the " + family.displayName()
					+ " documents no readout protection, so there is nothing to unprotect");
		}
		if (options.recordPlacement().isPresent()) {
			Optional<Problem> placement = placementProblem(options.recordPlacement().get());
			if (placement.isPresent()) {
				return placement;
			}
		}
		if (options.acceptUndocumentedUid() && !hasUndocumentedUid()) {
			return problem(Option.ACCEPT_UNDOCUMENTED_UID, "every " + family.displayName()
					+ " variant has a documented UID, so there is no risk to accept");
		}
		return Optional.empty();
	}

	/**
	 * Why a record place named by its id (as typed, perhaps no place at all) is not one of the family's,
	 * if it is not.
	 */
	public Optional<Problem> placementProblem(String id) {
		Optional<RecordPlacement> placement = RecordPlacement.ofId(id);
		if (placement.isPresent() && placements.contains(placement.get())) {
			return Optional.empty();
		}
		return problem(Option.RECORD_PLACE, "the " + family.displayName() + " offers "
				+ placements.stream().map(p -> quoted(p.id())).collect(Collectors.joining(", ")) + "; " + quoted(id)
				+ (placement.isEmpty() ? " is not a record place (last-erase-unit, otp)"
						: " is offered by none of its variants"));
	}

	/**
	 * What the admin should know before handing the job over: the variants of the family for which the
	 * options cannot be carried out, whose chips the station will therefore refuse.
	 */
	public List<String> notes(RecordOptions options) {
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

	private Optional<Problem> checkLevel(String name) {
		if (levels.isEmpty()) {
			return problem(Option.PROTECTION, "the " + family.displayName()
					+ " documents no protection levels, so there is none to set");
		}
		Protection.Level level = levels.get(name);
		List<String> settable = settableLevels().stream().map(l -> quoted(l.name())).toList();
		List<String> refused = refusedLevels().stream().map(l -> quoted(l.name())).toList();
		if (level == null) {
			return problem(Option.PROTECTION, "the " + family.displayName() + " knows " + String.join(", ", settable)
					+ (refused.isEmpty() ? "" : " (and " + String.join(", ", refused) + ", which Mintage never sets)")
					+ "; " + quoted(name) + " is none of them");
		}
		if (level.policy() == Protection.Policy.REFUSED) {
			return problem(Option.PROTECTION, "Mintage never sets " + quoted(name) + " of the " + family.displayName()
					+ " (" + level.effect() + "); the levels a job may set are " + String.join(", ", settable));
		}
		return Optional.empty();
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

	private static boolean hasUndocumentedUid(McuVariant variant) {
		return variant.undocumentedUid().isPresent() || variant.hasQuirk(Quirk.UID_UNDOCUMENTED);
	}

	private static Optional<Problem> problem(Option option, String message) {
		return Optional.of(new Problem(option, message));
	}

	private static String quoted(String text) {
		return "'" + text + "'";
	}
}
