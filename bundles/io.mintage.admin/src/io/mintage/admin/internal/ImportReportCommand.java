package io.mintage.admin.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.ImportedReport;
import io.mintage.admin.ReportStatus;
import io.mintage.admin.ReportWaiver;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.JsonWriter;
import io.mintage.core.progress.OperationCancelledException;

/**
 * {@code admin import-report FILE…}: verifies and checks each station report and records it, counting
 * its devices unless a check fails.
 */
@Component(service = Command.class, property = { Command.NAME + "=import-report", Command.PRODUCT + "=admin" })
public final class ImportReportCommand implements Command {

	/** Findings shown per check in the plain output; the rest with 'mintage admin reports ID'. */
	private static final int FINDINGS_SHOWN = 5;

	private static final String WAIVE = "--waive";
	private static final String REASON = "--reason";

	private final AdminStore store;

	@Activate
	public ImportReportCommand(@Reference AdminStore store) {
		this.store = store;
	}

	@Override
	public String summary() {
		return "import stations' production reports: verify, check against what was issued, count the devices";
	}

	@Override
	public String usage() {
		return """
				import-report FILE... [--waive CHECK,... --reason TEXT] [--json]

				Imports production reports ('mintage station report'), in the order given: each is
				verified (signature, station certificate of this authority, hash chain, checkpoints,
				every device record), checked against the admin database (station enrolled and not
				revoked, continues the station's last accepted report, serials within their quotas,
				quota counts, duplicate UIDs and serials, reworks, failures after authorization) and
				recorded with every check's result. An accepted or flagged report counts its devices
				for royalties; a rejected one is recorded and counts nothing. A report imported before
				counts nothing again. Import a station's reports in the order it wrote them.
				Exits with 1 when a report is rejected (it is recorded all the same) or a file cannot
				be read (the files before it are imported); progress of large files on standard error.
				  --waive CHECK,...  count the reports despite these failed checks (continuity, records,
				                     serial-range, quota-count, duplicates): each is recorded as a
				                     warning with the reason. Resolves a rejected report: import its
				                     file again with a waiver. Never counts a device without an
				                     authorization carrying a verified record.
				  --reason TEXT      why, recorded with each waived check and in the audit log
				  --json  print one JSON object: reports, each with its status, counts and checks

				Examples: mintage admin import-report line3-week-46.mreport line3-week-47.mreport
				          mintage admin import-report line3-week-46.mreport --waive quota-count \\
				              --reason "12 devices beyond quota Q-7 agreed with the factory on 2026-11-20\"""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(AdminCommands.JSON), Set.of(WAIVE, REASON));
		if (arguments.positionals().isEmpty()) {
			throw CommandException.usage("name at least one report file");
		}
		ReportWaiver waiver = waiver(arguments);
		Admin admin = AdminCommands.open(store, context);
		List<ImportedReport> imported = new ArrayList<>();
		boolean json = arguments.has(AdminCommands.JSON);
		for (String name : arguments.positionals()) {
			Path file = context.resolve(name);
			try {
				imported.add(admin.reports().importReport(file, waiver, new StderrProgress(context.err(), "import-report")));
			} catch (AdminException | OperationCancelledException e) {
				// the files before it are recorded: say how they went before saying why this one is not
				if (!json) {
					printText(context, arguments.positionals(), imported);
				}
				throw e instanceof AdminException refused ? AdminCommands.failed(refused)
						: CommandException.failed("the import of " + file + " was cancelled; nothing of it was recorded", e);
			}
		}
		boolean rejected = imported.stream().anyMatch(report -> report.status() == ReportStatus.REJECTED
				&& !report.alreadyImported());
		if (json) {
			JsonWriter out = new JsonWriter().beginObject().beginArray("reports");
			for (int i = 0; i < imported.size(); i++) {
				out.beginObject().string("file", context.resolve(arguments.positionals().get(i)).toString());
				AdminCommands.report(out, imported.get(i)).endObject();
			}
			AdminCommands.print(context, out.endArray().endObject());
		} else {
			printText(context, arguments.positionals(), imported);
		}
		return rejected ? CommandException.FAILED : OK;
	}

	/** Each report imported, named as the user named its file, with its checks that did not pass. */
	private static void printText(CommandContext context, List<String> names, List<ImportedReport> imported) {
		for (int i = 0; i < imported.size(); i++) {
			ImportedReport report = imported.get(i);
			context.out().println(names.get(i) + ": " + (report.alreadyImported()
					? "imported already on " + report.importedAt() + ", nothing counted again" : report.status()));
			context.out().println("  " + AdminCommands.reportLine(report));
			if (!report.alreadyImported()) {
				AdminCommands.printChecks(context, report, false, FINDINGS_SHOWN);
			}
		}
	}

	private static ReportWaiver waiver(Arguments arguments) throws CommandException {
		Optional<String> checks = arguments.option(WAIVE);
		Optional<String> reason = arguments.option(REASON);
		if (checks.isEmpty()) {
			if (reason.isPresent()) {
				throw CommandException.usage(REASON + " goes with " + WAIVE + ": name the checks it waives");
			}
			return ReportWaiver.NONE;
		}
		if (reason.isEmpty()) {
			throw CommandException.usage(WAIVE + " needs " + REASON + " TEXT: the reason is recorded with the report");
		}
		try {
			return ReportWaiver.of(Arrays.stream(checks.get().split(",")).map(String::strip)
					.filter(check -> !check.isEmpty()).toList(), reason.get());
		} catch (IllegalArgumentException e) {
			throw CommandException.usage(e.getMessage());
		}
	}
}
