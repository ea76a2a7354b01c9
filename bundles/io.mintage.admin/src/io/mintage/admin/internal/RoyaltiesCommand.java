package io.mintage.admin.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.RoyaltyQuery;
import io.mintage.admin.royalty.RoyaltyLine;
import io.mintage.admin.royalty.RoyaltyStatement;
import io.mintage.admin.royalty.StatementCsv;
import io.mintage.admin.royalty.StatementPdf;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.CommandFiles;
import io.mintage.core.command.JsonWriter;

/**
 * {@code admin royalties --from DATE --to DATE}: what each station owes per product for the devices the
 * imported reports counted in the period, one statement per currency, as text, JSON, CSV or PDF.
 */
@Component(service = Command.class, property = { Command.NAME + "=royalties", Command.PRODUCT + "=admin" })
public final class RoyaltiesCommand implements Command {

	private static final String FROM = "--from";
	private static final String TO = "--to";
	private static final String STATION = "--station";
	private static final String PRODUCT = "--product";
	private static final String CSV = "--csv";
	private static final String PDF = "--pdf";

	private final AdminStore store;

	@Activate
	public RoyaltiesCommand(@Reference AdminStore store) {
		this.store = store;
	}

	@Override
	public String summary() {
		return "royalty statements of a period from the devices the imported reports counted (CSV, PDF)";
	}

	@Override
	public String usage() {
		return """
				royalties --from DATE --to DATE [--station S] [--product ID] [--csv FILE] [--pdf FILE] [--json]

				Counts the devices of accepted and flagged reports whose completion falls on the days
				DATE to DATE (UTC, both included), per station and product, times the royalty per device
				of their quota, exactly (no rounding); one statement per currency. Devices of quotas
				without a royalty are left out.
				  --station S   only station S: its certificate serial (hex) or its name
				  --product ID  only product ID (decimal or 0x hex)
				  --csv FILE    write the statement as CSV (docs/formats.md); with several currencies
				                one file each, the currency before the extension (royalties-USD.csv)
				  --pdf FILE    write the statement as PDF, likewise
				  --json        print one JSON object: statements with their lines; amounts as exact
				                decimal text

				Example: mintage admin royalties --from 2026-10-01 --to 2026-10-31 --csv october.csv""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(AdminCommands.JSON),
				Set.of(FROM, TO, STATION, PRODUCT, CSV, PDF));
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		LocalDate from = day(FROM, arguments.required(FROM));
		LocalDate to = day(TO, arguments.required(TO));
		if (to.isBefore(from)) {
			throw CommandException.usage("the period ends on or after its first day: " + FROM + " " + from + ", " + TO
					+ " " + to);
		}
		List<RoyaltyStatement> statements;
		try {
			statements = AdminCommands.open(store, context).royalties()
					.statements(new RoyaltyQuery(from, to, arguments.option(STATION), arguments.option(PRODUCT)));
		} catch (AdminException e) {
			throw AdminCommands.failed(e);
		}
		List<Path> written = new ArrayList<>();
		for (RoyaltyStatement statement : statements) {
			String currency = statement.currency().getCurrencyCode();
			Optional<Path> csv = arguments.option(CSV).map(name -> file(context, name, currency, statements.size()));
			if (csv.isPresent()) {
				CommandFiles.write(csv.get(), csv(statement), "the royalty statement (CSV)");
				written.add(csv.get());
			}
			Optional<Path> pdf = arguments.option(PDF).map(name -> file(context, name, currency, statements.size()));
			if (pdf.isPresent()) {
				CommandFiles.write(pdf.get(), pdf(statement), "the royalty statement (PDF)");
				written.add(pdf.get());
			}
		}
		if (arguments.has(AdminCommands.JSON)) {
			JsonWriter json = new JsonWriter().beginObject().string("from", from.toString()).string("to", to.toString())
					.beginArray("statements");
			for (RoyaltyStatement statement : statements) {
				json.beginObject().string("currency", statement.currency().getCurrencyCode())
						.number("devices", statement.devices()).string("total", statement.total().toPlainString())
						.beginArray("lines");
				for (RoyaltyLine line : statement.lines()) {
					json.beginObject().string("station", line.station()).string("product", line.product())
							.number("devices", line.devices()).string("royaltyPerDevice", line.perDevice().toPlainString())
							.string("amount", line.amount().toPlainString()).endObject();
				}
				json.endArray().endObject();
			}
			json.endArray().beginArray("files");
			written.forEach(file -> json.value(file.toString()));
			AdminCommands.print(context, json.endArray().endObject());
			return OK;
		}
		if (statements.isEmpty()) {
			context.out().println("No royalties for " + from + " to " + to + ": no devices counted under a quota with a"
					+ " royalty in that period.");
		}
		for (RoyaltyStatement statement : statements) {
			String currency = statement.currency().getCurrencyCode();
			context.out().println("Royalties " + from + " to " + to + " in " + currency + ":");
			for (RoyaltyLine line : statement.lines()) {
				context.out().println("  " + line.station() + "  " + line.product() + "  " + line.devices() + " × "
						+ statement.format(line.perDevice()) + " = " + statement.format(line.amount()) + " " + currency);
			}
			context.out().println("  total: " + statement.devices() + " devices, " + statement.format(statement.total())
					+ " " + currency);
		}
		written.forEach(file -> context.out().println("Wrote " + file));
		return OK;
	}

	private static LocalDate day(String option, String text) throws CommandException {
		try {
			return LocalDate.parse(text.trim());
		} catch (DateTimeParseException e) {
			throw CommandException.usage(option + " expects a day such as 2026-10-31, got '" + text + "'");
		}
	}

	/** The file for one currency's statement: as named, or with the currency before the extension. */
	private static Path file(CommandContext context, String name, String currency, int statements) {
		if (statements == 1) {
			return context.resolve(name);
		}
		int dot = name.lastIndexOf('.');
		int slash = name.lastIndexOf('/');
		return context.resolve(dot > slash + 1 ? name.substring(0, dot) + "-" + currency + name.substring(dot)
				: name + "-" + currency);
	}

	private static byte[] csv(RoyaltyStatement statement) throws CommandException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
			StatementCsv.write(statement, out);
		} catch (IOException e) {
			throw CommandException.failed("the royalty statement could not be written as CSV: " + e.getMessage(), e);
		}
		return bytes.toByteArray();
	}

	private static byte[] pdf(RoyaltyStatement statement) throws CommandException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			StatementPdf.write(statement, bytes);
		} catch (IOException e) {
			throw CommandException.failed("the royalty statement could not be written as PDF: " + e.getMessage(), e);
		}
		return bytes.toByteArray();
	}
}
