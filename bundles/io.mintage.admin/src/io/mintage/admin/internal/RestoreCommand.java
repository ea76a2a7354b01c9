package io.mintage.admin.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.AuthorityInfo;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.JsonWriter;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;

/** {@code admin restore --from FILE}: brings back a backup into the admin folder. */
@Component(service = Command.class, property = { Command.NAME + "=restore", Command.PRODUCT + "=admin" })
public final class RestoreCommand implements Command {

	private static final String FROM = "--from";
	private static final String REPLACE = "--replace";

	private final AdminStore store;

	@Activate
	public RestoreCommand(@Reference AdminStore store) {
		this.store = store;
	}

	@Override
	public String summary() {
		return "restore the admin database from a backup";
	}

	@Override
	public String usage() {
		return """
				restore --from FILE [--replace] [--json]

				Brings back a backup made by 'mintage admin backup': the database (brought to this
				release's schema) and, from it, authority/authority.pem and authority/key.properties.
				The authority key itself must be where key.properties says (its token, or its key store
				file copied back). An admin folder that holds admin state is refused unless --replace.

				Example: mintage admin restore --from /media/backup/admin-2026-11-21.db""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(AdminCommands.JSON, REPLACE), Set.of(FROM));
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		Path backup = context.resolve(arguments.required(FROM));
		try {
			Admin admin = store.restore(backup, context.stateDirectory(), arguments.has(REPLACE), ProgressMonitor.NONE);
			Optional<AuthorityInfo> authority = admin.authority().find();
			int stations = admin.stations().list().size();
			int quotas = admin.quotas().list().size();
			if (arguments.has(AdminCommands.JSON)) {
				JsonWriter json = new JsonWriter().beginObject().string("home", admin.home().toString())
						.number("schemaVersion", admin.schemaVersion()).number("stations", stations)
						.number("quotas", quotas);
				if (authority.isPresent()) {
					AdminCommands.authority(json, "authority", authority.get());
				} else {
					json.nullValue("authority");
				}
				AdminCommands.print(context, json.endObject());
				return OK;
			}
			context.out().println("Restored " + backup + " into " + admin.home() + ": " + stations + " station(s), "
					+ quotas + " quota(s), schema version " + admin.schemaVersion());
			authority.ifPresent(info -> context.out().println("Authority " + info.subject() + ", fingerprint "
					+ info.fingerprint() + "; its key: " + info.keyLocation()));
			return OK;
		} catch (AdminException e) {
			throw AdminCommands.failed(e);
		} catch (OperationCancelledException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
	}
}
