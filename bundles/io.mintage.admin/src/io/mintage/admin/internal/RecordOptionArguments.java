package io.mintage.admin.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.mintage.admin.RecordOptionChoices;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.CommandException;
import io.mintage.core.mcu.McuFamily;
import io.mintage.trust.RecordOptions;

/**
 * The record options of {@code issue-job}, checked against the job's MCU family descriptor before
 * anything is signed ({@link RecordOptionChoices}, which the issue wizard asks as well); a refusal names
 * the option.
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
		RecordOptionChoices choices = RecordOptionChoices.of(family);
		Optional<RecordOptionChoices.Problem> problem = arguments.option(RECORD_PLACE).flatMap(choices::placementProblem);
		RecordOptions options = null;
		if (problem.isEmpty()) {
			try {
				options = new RecordOptions(arguments.has(BIND_HASH), arguments.option(PROTECT),
						arguments.has(ALLOW_UNPROTECT), arguments.option(RECORD_PLACE),
						arguments.has(ACCEPT_UNDOCUMENTED_UID));
			} catch (IllegalArgumentException e) {
				throw CommandException.usage(PROTECT + ": " + e.getMessage());
			}
			problem = choices.problem(options);
		}
		if (problem.isPresent()) {
			String option = switch (problem.get().option()) {
			case PROTECTION -> PROTECT;
			case ALLOW_UNPROTECT -> ALLOW_UNPROTECT;
			case RECORD_PLACE -> RECORD_PLACE;
			case ACCEPT_UNDOCUMENTED_UID -> ACCEPT_UNDOCUMENTED_UID;
			};
			throw CommandException.usage(option + ": " + problem.get().message());
		}
		return options;
	}

	/**
	 * What the admin should know before handing the job over: the variants of the family for which the
	 * options cannot be carried out, whose chips the station will therefore refuse.
	 */
	static List<String> notes(RecordOptions options, McuFamily family) {
		return RecordOptionChoices.of(family).notes(options);
	}
}
