package io.mintage.admin.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.CommandFiles;
import io.mintage.core.sign.KeyStores;
import io.mintage.trust.RevocationList;
import io.mintage.trust.TrustException;

/**
 * {@code admin revoke CERT --reason R}: records that a station is no longer trusted and writes the
 * new revocation list (X.509 CRL) that stations load with {@code mintage station install-revocations};
 * nothing more is issued for the station. {@code --list-only} just writes the current list again.
 */
@Component(service = Command.class, property = { Command.NAME + "=revoke", Command.PRODUCT + "=admin" })
public final class RevokeCommand implements Command {

	private static final String REASON = "--reason";
	private static final String OUT = "--out";
	private static final String VALID_DAYS = "--valid-days";
	private static final String LIST_ONLY = "--list-only";

	private final KeyStores keyStores;
	private final Clock clock;

	@Activate
	public RevokeCommand(@Reference KeyStores keyStores) {
		this(keyStores, Clock.systemUTC());
	}

	RevokeCommand(KeyStores keyStores, Clock clock) {
		this.keyStores = keyStores;
		this.clock = clock;
	}

	@Override
	public String summary() {
		return "revoke a station certificate and write the revocation list for stations";
	}

	@Override
	public String usage() {
		return """
				revoke CERT --reason REASON [--out FILE] [--valid-days N]
				revoke --list-only [--out FILE] [--valid-days N]

				Records that the station of CERT is revoked (REASON: key-compromise,
				cessation-of-operation, superseded, affiliation-changed or unspecified) and writes the
				authority's revocation list with every revoked station. Stations that install it
				refuse jobs for revoked stations; no quota or job is issued for them any more.

				  --out FILE        where to write the list (default revocations.crl)
				  --valid-days N    when stations should expect the next list (default 30)

				Example: mintage admin revoke line3.pem --reason key-compromise""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(LIST_ONLY), Set.of(REASON, OUT, VALID_DAYS));
		long days = arguments.option(VALID_DAYS).isPresent()
				? Arguments.parseNumber(VALID_DAYS, arguments.option(VALID_DAYS).get(), 1, 3650)
				: 30;
		AuthorityHome home = new AuthorityHome(context.stateDirectory());
		RevocationRegister register = home.revocations();
		try (AuthorityHome.Opened authority = home.open(keyStores)) {
			Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
			if (!arguments.has(LIST_ONLY)) {
				Path certificateFile = context.resolve(arguments.single("station certificate"));
				X509Certificate station = QuotaOptions.station(authority, certificateFile, clock);
				String reason = arguments.required(REASON);
				// the reason is checked by building the entry before anything is recorded
				new RevocationList.Entry(station.getSerialNumber(), now, reason);
				if (register.entryFor(station).isPresent()) {
					throw CommandException.failed("the station " + station.getSubjectX500Principal().getName()
							+ " is revoked already");
				}
				register.add(station, now, reason);
				context.out().println("Revoked " + station.getSubjectX500Principal().getName() + " (serial "
						+ station.getSerialNumber().toString(16) + "): " + reason);
			} else if (!arguments.positionals().isEmpty() || arguments.option(REASON).isPresent()) {
				throw CommandException.usage(LIST_ONLY + " takes no certificate and no reason");
			}
			RevocationList list = RevocationList.issue(authority.session(), authority.signer().alias(),
					authority.signer().certificate(), register.nextNumber(), register.entries(), now,
					now.plus(Duration.ofDays(days)));
			Path out = context.resolve(arguments.option(OUT).orElse("revocations.crl"));
			CommandFiles.write(out, list.pem().getBytes(StandardCharsets.US_ASCII), "the revocation list");
			context.out().println("Revocation list number " + list.number() + " with " + list.entries().size()
					+ " revoked station(s) written to " + out + "; next one due " + list.nextUpdate());
			return OK;
		} catch (TrustException e) {
			throw CommandException.failed(e.getMessage(), e);
		} catch (IllegalArgumentException e) {
			throw CommandException.usage(e.getMessage());
		}
	}
}
