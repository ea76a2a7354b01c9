package io.mintage.admin.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.Station;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.CommandFiles;
import io.mintage.core.command.JsonWriter;
import io.mintage.trust.RevocationList;

/**
 * {@code admin revoke STATION --reason R}: records that a station is no longer trusted and writes the
 * new revocation list (X.509 CRL) that stations load with {@code mintage station install-revocations};
 * nothing more is issued for the station. {@code --list-only} just writes the current list again.
 */
@Component(service = Command.class, property = { Command.NAME + "=revoke", Command.PRODUCT + "=admin" })
public final class RevokeCommand implements Command {

	private static final String REASON = "--reason";
	private static final String OUT = "--out";
	private static final String VALID_DAYS = "--valid-days";
	private static final String LIST_ONLY = "--list-only";

	private final AdminStore store;

	@Activate
	public RevokeCommand(@Reference AdminStore store) {
		this.store = store;
	}

	@Override
	public String summary() {
		return "revoke a station certificate and write the revocation list for stations";
	}

	@Override
	public String usage() {
		return """
				revoke STATION --reason REASON [--out FILE] [--valid-days N] [--json]
				revoke --list-only [--out FILE] [--valid-days N] [--json]

				Records that the station is revoked (STATION: its certificate file or its certificate
				serial number; REASON: key-compromise, cessation-of-operation, superseded,
				affiliation-changed or unspecified) and writes the authority's revocation list with
				every revoked station. Stations that install it refuse jobs for revoked stations; no
				quota or job is issued for them any more.

				  --out FILE        where to write the list (default revocations.crl)
				  --valid-days N    when stations should expect the next list (default 30)

				Example: mintage admin revoke line3.pem --reason key-compromise""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(LIST_ONLY, AdminCommands.JSON),
				Set.of(REASON, OUT, VALID_DAYS));
		long days = arguments.option(VALID_DAYS).isPresent()
				? Arguments.parseNumber(VALID_DAYS, arguments.option(VALID_DAYS).get(), 1, 3650)
				: 30;
		if (arguments.has(LIST_ONLY) && (!arguments.positionals().isEmpty() || arguments.option(REASON).isPresent())) {
			throw CommandException.usage(LIST_ONLY + " takes no station and no reason");
		}
		if (!arguments.has(LIST_ONLY)) {
			arguments.single("station certificate or serial");
			String reason = arguments.required(REASON);
			try {
				new RevocationList.Entry(java.math.BigInteger.ONE, Instant.EPOCH, reason);
			} catch (IllegalArgumentException e) {
				throw CommandException.usage(e.getMessage());
			}
		}
		Admin admin = AdminCommands.open(store, context);
		try {
			Optional<Station> revoked = Optional.empty();
			if (!arguments.has(LIST_ONLY)) {
				Station station = AdminCommands.station(admin, context, arguments.single("station certificate or serial"));
				revoked = Optional.of(admin.stations().revoke(station.serial(), arguments.required(REASON)));
				if (!arguments.has(AdminCommands.JSON)) {
					context.out().println("Revoked " + station.subject() + " (serial " + station.serial() + "): "
							+ arguments.required(REASON));
				}
			}
			RevocationList list = admin.stations().revocationList(Duration.ofDays(days));
			Path out = context.resolve(arguments.option(OUT).orElse("revocations.crl"));
			CommandFiles.write(out, list.pem().getBytes(StandardCharsets.US_ASCII), "the revocation list");
			if (arguments.has(AdminCommands.JSON)) {
				JsonWriter json = new JsonWriter().beginObject();
				if (revoked.isPresent()) {
					AdminCommands.station(json.beginObject("revoked"), revoked.get(), Instant.now()).endObject();
				} else {
					json.nullValue("revoked");
				}
				AdminCommands.print(context, json.beginObject("revocationList").number("number", list.number().longValue())
						.number("stations", list.entries().size()).string("nextUpdate", list.nextUpdate().toString())
						.string("file", out.toString()).endObject().endObject());
				return OK;
			}
			context.out().println("Revocation list number " + list.number() + " with " + list.entries().size()
					+ " revoked station(s) written to " + out + "; next one due " + list.nextUpdate());
			return OK;
		} catch (AdminException e) {
			throw AdminCommands.failed(e);
		}
	}
}
