package io.mintage.admin.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.Station;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.JsonWriter;

/** {@code admin stations}: every enrolled station with its certificate's expiry and any revocation. */
@Component(service = Command.class, property = { Command.NAME + "=stations", Command.PRODUCT + "=admin" })
public final class StationsCommand implements Command {

	private final AdminStore store;
	private final Clock clock;

	@Activate
	public StationsCommand(@Reference AdminStore store) {
		this(store, Clock.systemUTC());
	}

	StationsCommand(AdminStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@Override
	public String summary() {
		return "list the enrolled stations: certificate serial, name, expiry, revocation";
	}

	@Override
	public String usage() {
		return """
				stations [--json]

				Lists every station of the admin database: its certificate serial number (which other
				commands accept for --station), its name, when its certificate expires, and when and why
				it was revoked.""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(AdminCommands.JSON), Set.of());
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		List<Station> stations;
		try {
			stations = AdminCommands.open(store, context).stations().list();
		} catch (AdminException e) {
			throw AdminCommands.failed(e);
		}
		Instant now = clock.instant();
		if (arguments.has(AdminCommands.JSON)) {
			JsonWriter json = new JsonWriter().beginObject().beginArray("stations");
			for (Station station : stations) {
				AdminCommands.station(json.beginObject(), station, now).endObject();
			}
			AdminCommands.print(context, json.endArray().endObject());
			return OK;
		}
		if (stations.isEmpty()) {
			context.out().println("No stations yet: enrol one with 'mintage admin enrol REQUEST'.");
		}
		for (Station station : stations) {
			String expiry = station.notAfter().map(end -> end.isBefore(now) ? "EXPIRED " + end
					: "valid until " + end + " (" + Duration.between(now, end).toDays() + " days)")
					.orElse("certificate unknown");
			String state = station.revocation().map(r -> "REVOKED " + r.revokedAt() + " (" + r.reason() + ")")
					.orElse("active");
			context.out().println(station.serial() + "  " + station.name() + "  " + expiry + "  " + state);
		}
		return OK;
	}
}
