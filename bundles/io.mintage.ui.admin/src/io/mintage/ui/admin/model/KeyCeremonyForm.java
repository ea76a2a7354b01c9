package io.mintage.ui.admin.model;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.CommandException;

/**
 * The key ceremony as the window asks it ({@code admin init}): the authority's name, how long its
 * certificate is valid, where its key is to be made, and the passphrase (or the token's PIN) typed twice,
 * which must also be what the chosen source gives later signings.
 */
public final class KeyCeremonyForm {

	/** As {@code admin init}: 20 years unless the admin says otherwise. */
	public static final Duration DEFAULT_VALIDITY = Duration.ofDays(20 * 365);

	private final KeyLocationForm location = new KeyLocationForm();
	private String name = "";
	private String validUntil = "";

	public KeyLocationForm location() {
		return location;
	}

	public void name(String text) {
		name = text.strip();
	}

	public String name() {
		return name;
	}

	public void validUntil(String text) {
		validUntil = text.strip();
	}

	/** The default end, as a day to show in the field. */
	public static String defaultValidUntil(Instant now) {
		return Texts.date(now.plus(DEFAULT_VALIDITY));
	}

	/** What is missing or wrong before the passphrase, in words; empty when complete. */
	public Optional<String> problem(Instant now) {
		if (name.isEmpty()) {
			return Optional.of("Give the authority a name, such as Acme Authority.");
		}
		try {
			if (!notAfter().isAfter(now)) {
				return Optional.of("The certificate would end on " + validUntil + ", which has passed.");
			}
		} catch (IllegalArgumentException e) {
			return Optional.of(e.getMessage());
		}
		return location.problem();
	}

	/**
	 * The passphrase (PIN) typed twice: not empty, both the same, and what the secret source holds.
	 * Reads but never keeps them; the caller clears both arrays.
	 */
	public Optional<String> passphraseProblem(char[] typed, char[] again) {
		String what = location.store() == KeyLocationForm.Store.SOFTWARE ? "passphrase" : "PIN";
		if (typed.length == 0) {
			return Optional.of("Type the " + what + ", twice.");
		}
		if (!java.util.Arrays.equals(typed, again)) {
			return Optional.of("The two " + what + "s typed differ: type the same one twice.");
		}
		return location.secretMismatch(typed);
	}

	/** The certificate's end: the end of the day given (UTC), or the instant given. */
	public Instant notAfter() {
		if (validUntil.isEmpty()) {
			throw new IllegalArgumentException("Until when is the authority's certificate valid? Write a day such as "
					+ "2045-12-31.");
		}
		try {
			return Arguments.parseEnd("'Valid until'", validUntil).truncatedTo(ChronoUnit.SECONDS);
		} catch (CommandException e) {
			throw new IllegalArgumentException(e.getMessage() + ".", e);
		}
	}
}
