package io.mintage.admin.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.AuthorityInfo;
import io.mintage.admin.CheckOutcome;
import io.mintage.admin.Firmware;
import io.mintage.admin.ImportedReport;
import io.mintage.admin.Product;
import io.mintage.admin.Quota;
import io.mintage.admin.ReportCheckResult;
import io.mintage.admin.ReportCounts;
import io.mintage.admin.Station;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.JsonWriter;
import io.mintage.trust.PemFiles;
import io.mintage.trust.TrustException;

/**
 * What the admin commands share: opening the admin folder of the command line, plain-words failures, how
 * a station is named on the command line, and each record as JSON (the keys are part of the commands'
 * {@code --json} contract).
 */
final class AdminCommands {

	static final String JSON = "--json";

	private AdminCommands() {
	}

	static Admin open(AdminStore store, CommandContext context) throws CommandException {
		try {
			return store.open(context.stateDirectory());
		} catch (AdminException e) {
			throw failed(e);
		}
	}

	static CommandException failed(AdminException e) {
		return CommandException.failed(e.getMessage(), e);
	}

	/**
	 * A station named on the command line: a certificate file (checked against the authority, recorded
	 * when new), or the serial number of an enrolled station's certificate.
	 */
	static Station station(Admin admin, CommandContext context, String value) throws CommandException {
		Path file = context.resolve(value);
		try {
			if (Files.isRegularFile(file)) {
				X509Certificate certificate;
				try {
					certificate = PemFiles.readCertificate(file);
				} catch (TrustException e) {
					throw CommandException.failed(e.getMessage(), e);
				}
				return admin.stations().identify(certificate);
			}
			Optional<Station> station = value.matches("(0x)?[0-9A-Fa-f]{1,40}") ? admin.stations().find(value)
					: Optional.empty();
			return station.orElseThrow(() -> CommandException.failed("'" + value + "' is neither a station certificate"
					+ " file nor the serial number of a station in the admin database (see 'mintage admin stations')"));
		} catch (AdminException e) {
			throw failed(e);
		}
	}

	static void print(CommandContext context, JsonWriter json) {
		context.out().println(json);
	}

	static JsonWriter authority(JsonWriter json, String key, AuthorityInfo authority) {
		return json.beginObject(key).string("subject", authority.subject()).string("fingerprint", authority.fingerprint())
				.string("notAfter", authority.notAfter().toString()).string("keyLocation", authority.keyLocation())
				.string("createdAt", authority.createdAt().toString()).endObject();
	}

	static JsonWriter station(JsonWriter json, Station station, Instant now) {
		json.string("serial", station.serial()).string("name", station.name()).string("subject", station.subject());
		if (station.notAfter().isPresent()) {
			Instant end = station.notAfter().get();
			json.string("notAfter", end.toString()).bool("expired", end.isBefore(now))
					.number("daysLeft", Math.max(0, Duration.between(now, end).toDays()));
		} else {
			json.nullValue("notAfter");
		}
		json.string("enrolledAt", station.enrolledAt().toString()).bool("revoked", station.revoked());
		if (station.revocation().isPresent()) {
			json.string("revokedAt", station.revocation().get().revokedAt().toString()).string("revocationReason",
					station.revocation().get().reason());
		}
		return json;
	}

	static JsonWriter product(JsonWriter json, Product product) {
		return json.number("id", product.id().value()).string("idHex", product.id().toString())
				.string("name", product.name()).string("mcuFamily", product.mcuFamily())
				.string("createdAt", product.createdAt().toString());
	}

	static JsonWriter firmware(JsonWriter json, Firmware firmware) {
		return json.number("id", firmware.id()).number("product", firmware.product().value())
				.string("version", firmware.version()).string("sha256", firmware.sha256()).number("size", firmware.size())
				.string("fileName", firmware.fileName()).number("imageStart", firmware.imageStart())
				.number("imageLength", firmware.imageLength()).string("addedAt", firmware.addedAt().toString());
	}

	/** A quota; the royalty as decimal text (never a JSON number, which readers take as a double). */
	static JsonWriter quota(JsonWriter json, Quota quota) {
		json.string("id", quota.id().toString()).number("product", quota.product().value())
				.number("firstSerial", quota.firstSerial()).number("lastSerial", quota.lastSerial())
				.number("count", quota.count()).string("station", quota.stationSubject());
		optional(json, "stationSerial", quota.stationSerial());
		optional(json, "validFrom", quota.validFrom().map(Instant::toString));
		optional(json, "validUntil", quota.validUntil().map(Instant::toString));
		if (quota.royalty().isPresent()) {
			json.string("royaltyPerDevice", quota.royalty().get().amount())
					.string("royaltyCurrency", quota.royalty().get().currency())
					.string("royaltyForAll", quota.royalty().get().times(quota.count()).toPlainString());
		} else {
			json.nullValue("royaltyPerDevice");
		}
		if (quota.firmwareId().isPresent()) {
			json.number("firmware", quota.firmwareId().getAsLong());
		}
		return json.string("issuedAt", quota.issuedAt().toString()).bool("imported", quota.imported());
	}

	/**
	 * An imported report: who, when, the status and counts, and each check with its first findings
	 * (status and outcomes in lower case, as the database keeps them).
	 */
	static JsonWriter report(JsonWriter json, ImportedReport report) {
		json.string("reportId", report.reportId().toString()).string("station", report.station())
				.string("stationSerial", report.stationSerial()).string("signedAt", report.signedAt().toString())
				.string("importedAt", report.importedAt().toString()).string("fileName", report.fileName())
				.string("fileSha256", report.fileSha256())
				.string("status", report.status().name().toLowerCase(Locale.ROOT))
				.bool("alreadyImported", report.alreadyImported());
		ReportCounts counts = report.counts();
		json.beginObject("counts").number("events", counts.events()).number("authorized", counts.authorized())
				.number("completed", counts.completed()).number("reworks", counts.reworks())
				.number("failedAfterAuthorization", counts.failedAfterAuthorization()).number("refused", counts.refused())
				.number("counted", counts.counted()).endObject();
		json.beginArray("checks");
		for (ReportCheckResult check : report.checks()) {
			json.beginObject().string("id", check.id()).string("outcome", check.outcome().name().toLowerCase(Locale.ROOT))
					.string("summary", check.summary()).number("findingCount", check.findingCount());
			if (check.waivedFor().isPresent()) {
				json.string("waivedFor", check.waivedFor().get());
			}
			json.beginArray("findings");
			check.findings().forEach(json::value);
			json.endArray().endObject();
		}
		return json.endArray();
	}

	/** A report in one line: status, id, station, counts. */
	static String reportLine(ImportedReport report) {
		ReportCounts counts = report.counts();
		return report.status() + "  report " + report.reportId() + " of '" + report.station() + "' (serial "
				+ report.stationSerial() + "), signed " + report.signedAt() + ": " + counts.events() + " events, "
				+ counts.completed() + " completed, " + counts.reworks() + " reworks, " + counts.failedAfterAuthorization()
				+ " failed after authorization, " + counts.counted() + " counted";
	}

	/** The checks that did not pass (or all of them), each with its summary and at most {@code findings} findings. */
	static void printChecks(CommandContext context, ImportedReport report, boolean all, int findings) {
		for (ReportCheckResult check : report.checks()) {
			if (!all && check.outcome() == CheckOutcome.PASS) {
				continue;
			}
			context.out().println("  " + check.outcome() + "  " + check.id() + ": " + check.summary());
			check.findings().stream().limit(findings).forEach(finding -> context.out().println("        " + finding));
			if (check.findingCount() > Math.min(findings, check.findings().size())) {
				context.out().println("        … " + (check.findingCount() - Math.min(findings, check.findings().size()))
						+ " more" + (all ? " (the database keeps the first " + ReportCheckResult.MAX_FINDINGS + ")" : ""));
			}
		}
	}

	private static void optional(JsonWriter json, String key, Optional<String> value) {
		if (value.isPresent()) {
			json.string(key, value.get());
		} else {
			json.nullValue(key);
		}
	}
}
