package io.mintage.admin.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.Backup;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.JsonWriter;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;

/** {@code admin backup --to FILE}: a consistent copy of the admin database, made while it is in use. */
@Component(service = Command.class, property = { Command.NAME + "=backup", Command.PRODUCT + "=admin" })
public final class BackupCommand implements Command {

	private static final String TO = "--to";

	private final AdminStore store;

	@Activate
	public BackupCommand(@Reference AdminStore store) {
		this.store = store;
	}

	@Override
	public String summary() {
		return "back up the admin database (everything but the authority key) to one file";
	}

	@Override
	public String usage() {
		return """
				backup --to FILE [--json]

				Writes a consistent copy of the admin database to FILE (mode 0600; FILE must not exist),
				also while other admin commands or the admin window use it. It holds the stations,
				products, firmware, quotas, jobs, the audit log, the authority's CA certificate and key
				location: everything 'mintage admin restore' brings back. Not the authority key nor its
				passphrase or PIN: keep the key store file (or the token) where the key ceremony put it.

				Example: mintage admin backup --to /media/backup/admin-2026-11-21.db""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(AdminCommands.JSON), Set.of(TO));
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		Path file = context.resolve(arguments.required(TO));
		try {
			Backup backup = AdminCommands.open(store, context).backup(file, ProgressMonitor.NONE);
			if (arguments.has(AdminCommands.JSON)) {
				AdminCommands.print(context, new JsonWriter().beginObject().string("file", backup.file().toString())
						.number("size", backup.size()).number("schemaVersion", backup.schemaVersion())
						.string("madeAt", backup.madeAt().toString()).endObject());
			} else {
				context.out().println("Admin database backed up to " + backup.file() + " (" + backup.size()
						+ " bytes, schema version " + backup.schemaVersion() + ")");
				context.out().println("The authority key is not in it: keep its key store or token safe apart.");
			}
			return OK;
		} catch (AdminException e) {
			throw AdminCommands.failed(e);
		} catch (OperationCancelledException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
	}
}
