package io.mintage.admin.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.ImportedReport;
import io.mintage.admin.Reports;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.JsonWriter;

/** {@code admin reports [REPORT-ID]}: the imported reports, or one with every check and its findings. */
@Component(service = Command.class, property = { Command.NAME + "=reports", Command.PRODUCT + "=admin" })
public final class ReportsCommand implements Command {

	private final AdminStore store;

	@Activate
	public ReportsCommand(@Reference AdminStore store) {
		this.store = store;
	}

	@Override
	public String summary() {
		return "list the imported production reports, or show one with every check";
	}

	@Override
	public String usage() {
		return """
				reports [REPORT-ID] [--json]

				Without REPORT-ID: every import, oldest first, with its status (accepted, flagged,
				rejected), station and counts. With it: that report (the import that counted, or the
				newest attempt), every check's outcome and summary and its findings (the first 100 are
				kept).
				  --json  print one JSON object: reports (each with its checks), or report

				Example: mintage admin reports 0b7e3d2c-1111-4222-8333-444455556666""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(AdminCommands.JSON), Set.of());
		if (arguments.positionals().size() > 1) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(1) + "'");
		}
		Reports reports = AdminCommands.open(store, context).reports();
		try {
			if (arguments.positionals().isEmpty()) {
				List<ImportedReport> all = reports.list();
				if (arguments.has(AdminCommands.JSON)) {
					JsonWriter json = new JsonWriter().beginObject().beginArray("reports");
					for (ImportedReport report : all) {
						AdminCommands.report(json.beginObject(), report).endObject();
					}
					AdminCommands.print(context, json.endArray().endObject());
				} else if (all.isEmpty()) {
					context.out().println("No reports imported yet.");
				} else {
					for (ImportedReport report : all) {
						context.out().println(report.importedAt() + "  " + AdminCommands.reportLine(report));
					}
				}
				return OK;
			}
			String text = arguments.positionals().get(0);
			UUID id;
			try {
				id = UUID.fromString(text);
			} catch (IllegalArgumentException e) {
				throw CommandException.usage("'" + text + "' is not a report id (a UUID such as"
						+ " 0b7e3d2c-1111-4222-8333-444455556666; see 'mintage admin reports')");
			}
			Optional<ImportedReport> found = reports.find(id);
			if (found.isEmpty()) {
				throw CommandException.failed("no report " + id + " was imported into this admin database");
			}
			ImportedReport report = found.get();
			if (arguments.has(AdminCommands.JSON)) {
				AdminCommands.print(context, AdminCommands.report(new JsonWriter().beginObject().beginObject("report"),
						report).endObject().endObject());
			} else {
				context.out().println(AdminCommands.reportLine(report));
				context.out().println("  imported " + report.importedAt() + ", file SHA-256 " + report.fileSha256());
				AdminCommands.printChecks(context, report, true, Integer.MAX_VALUE);
			}
			return OK;
		} catch (AdminException e) {
			throw AdminCommands.failed(e);
		}
	}
}
