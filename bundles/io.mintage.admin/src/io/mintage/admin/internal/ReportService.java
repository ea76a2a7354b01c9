package io.mintage.admin.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.mintage.admin.AdminException;
import io.mintage.admin.CheckOutcome;
import io.mintage.admin.ImportedReport;
import io.mintage.admin.ReportCheckResult;
import io.mintage.admin.ReportCounts;
import io.mintage.admin.ReportStatus;
import io.mintage.admin.ReportWaiver;
import io.mintage.admin.Reports;
import io.mintage.admin.Station;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.trust.BrokenChainException;
import io.mintage.trust.ProductionReportReader;
import io.mintage.trust.ReportHeader;
import io.mintage.trust.TrustException;

/**
 * Production reports on the admin database ({@code reports}, {@code report_checks}, {@code devices},
 * {@code authorized_devices}). An import is one write transaction: the streaming reader hands the
 * verified events to a {@link ReportImporter}, the checks run when the reader commits
 * ({@link ReportChecks}), and the report is recorded with every result. A report the reader refuses
 * (signature, certificate, broken chain) is recorded as rejected, with the check that refused it, under
 * the id it claims; a file that is no report at all is not recorded.
 */
final class ReportService implements Reports {

	private static final int MAX_THREADS = 4;
	private static final int HASH_BUFFER_BYTES = 1 << 16;
	private static final String COLUMNS = "number, report_id, file_sha256, file_name, station_serial, station_name,"
			+ " signed_ms, imported_ms, status, previous_chain_hash, last_chain_hash, first_sequence, last_sequence,"
			+ " events, authorized, completed, reworks, failed_after_authorization, refused, counted";

	private final AdminHome admin;

	ReportService(AdminHome admin) {
		this.admin = admin;
	}

	/** The file being imported: its path, SHA-256 (lower-case hex), the import's instant and the waiver. */
	record Context(Path file, String fileSha256, Instant importedAt, ReportWaiver waiver) {
	}

	/** A row of {@code reports}. */
	record Row(UUID reportId, String fileSha256, String fileName, String stationSerial, String stationName,
			Instant signedAt, Instant importedAt, ReportStatus status, Optional<byte[]> previousChainHash,
			Optional<byte[]> lastChainHash, OptionalLong firstSequence, OptionalLong lastSequence, ReportCounts counts) {
	}

	/** An SQL or admin failure inside the reader's callbacks, which cannot throw checked exceptions. */
	static final class Failed extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Failed(Exception cause) {
			super(cause.getMessage(), cause);
		}
	}

	/** The user cancelled while the reader was streaming: the transaction is rolled back. */
	static final class Cancelled extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Cancelled() {
			super("the import was cancelled");
		}
	}

	@Override
	public ImportedReport importReport(Path file, ReportWaiver waiver, ProgressMonitor monitor)
			throws AdminException, OperationCancelledException {
		Path path = file.toAbsolutePath().normalize();
		if (!Files.isRegularFile(path)) {
			throw new AdminException("the production report " + path + " does not exist or is not a file");
		}
		long size;
		try {
			size = Files.size(path);
		} catch (IOException e) {
			throw new AdminException("the production report " + path + " cannot be read: " + e.getMessage(), e);
		}
		// hashing, then reading and recording: both about the file's size
		monitor.begin("Importing the production report " + path.getFileName(), 2 * size + 1);
		String sha256 = sha256(path, monitor);
		X509Certificate authority = admin.authority().require().certificate();
		ProductionReportReader reader;
		try {
			reader = new ProductionReportReader(authority, threads());
		} catch (TrustException e) {
			throw new AdminException(e.getMessage(), e);
		}
		Context context = new Context(path, sha256, admin.clock().instant(), waiver);
		try {
			ImportedReport imported = admin.db().write("the production report " + path + " could not be recorded",
					connection -> {
						Optional<ImportedReport> earlier = countedByFile(connection, sha256);
						if (earlier.isPresent()) {
							return earlier.get().asAlreadyImported();
						}
						ReportImporter importer = new ReportImporter(connection, context, monitor, size);
						try {
							return reader.read(path, importer);
						} catch (TrustException e) {
							return refused(connection, context, importer, e);
						} catch (IOException e) {
							throw new AdminException("the production report " + path + " cannot be read: "
									+ e.getMessage(), e);
						} catch (Failed e) {
							if (e.getCause() instanceof SQLException sql) {
								throw sql;
							}
							throw (AdminException) e.getCause();
						}
					});
			monitor.worked(1);
			return imported;
		} catch (Cancelled e) {
			throw new OperationCancelledException();
		}
	}

	@Override
	public List<ImportedReport> list() throws AdminException {
		return admin.db().read("the imported reports cannot be read", connection -> {
			List<Long> numbers = new ArrayList<>();
			try (PreparedStatement query = connection.prepareStatement("SELECT number FROM reports ORDER BY number");
					ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					numbers.add(rows.getLong(1));
				}
			}
			List<ImportedReport> reports = new ArrayList<>();
			for (long number : numbers) {
				reports.add(load(connection, number).orElseThrow());
			}
			return reports;
		});
	}

	@Override
	public Optional<ImportedReport> find(UUID reportId) throws AdminException {
		return admin.db().read("the report " + reportId + " cannot be read", connection -> {
			// the import that counted, if any; else the newest attempt
			try (PreparedStatement query = Sql.prepare(connection, "SELECT number FROM reports WHERE report_id = ?"
					+ " ORDER BY status <> 'rejected' DESC, number DESC LIMIT 1", reportId.toString());
					ResultSet row = query.executeQuery()) {
				return row.next() ? load(connection, row.getLong(1)) : Optional.<ImportedReport>empty();
			}
		});
	}

	/**
	 * Records a report the reader refused, under what its header or, before that, the file itself
	 * claims; a file that says nothing of the kind is no report and is not recorded.
	 */
	private static ImportedReport refused(Connection connection, Context context, ReportImporter importer,
			TrustException refusal) throws SQLException, AdminException {
		Optional<ReportHeader> header = importer.header();
		UUID reportId;
		X509Certificate signer;
		Instant signedAt;
		if (header.isPresent()) {
			reportId = header.get().reportId();
			signer = header.get().station();
			signedAt = header.get().signedAt();
		} else {
			ProductionReportReader.Claims claims = ProductionReportReader.claims(context.file())
					.orElseThrow(() -> new AdminException(refusal.getMessage() + "; nothing was recorded", refusal));
			reportId = claims.reportId();
			signer = claims.signer();
			signedAt = claims.signedAt();
		}
		String check = refusal instanceof BrokenChainException ? ReportCheckResult.CHAIN : ReportCheckResult.SIGNATURE;
		List<ReportCheckResult> checks = List.of(new ReportCheckResult(check, CheckOutcome.FAIL,
				refusal.getMessage(), List.of(), 0));
		ReportCounts counts = new ReportCounts(importer.events(), 0, 0, 0, 0, 0, 0);
		String stationSerial = StationService.serialOf(signer);
		String stationName = commonName(signer);
		long number = insert(connection, new Row(reportId, context.fileSha256(), context.file().getFileName().toString(),
				stationSerial, stationName, signedAt, context.importedAt(), ReportStatus.REJECTED,
				header.map(ReportHeader::previousChainHash), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
				counts), checks);
		Audit.record(connection, context.importedAt(), Audit.REPORT_IMPORTED, reportId.toString(),
				auditDetail(ReportStatus.REJECTED, stationName, stationSerial, counts, context.file(), checks));
		return load(connection, number).orElseThrow();
	}

	// --- rows

	static long insert(Connection connection, Row row, List<ReportCheckResult> checks) throws SQLException {
		ReportCounts counts = row.counts();
		Sql.update(connection, "INSERT INTO reports (report_id, file_sha256, file_name, station_serial, station_name,"
				+ " signed_ms, imported_ms, status, previous_chain_hash, last_chain_hash, first_sequence, last_sequence,"
				+ " events, authorized, completed, reworks, failed_after_authorization, refused, counted)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.reportId().toString(),
				row.fileSha256(), row.fileName(), row.stationSerial(), row.stationName(), row.signedAt(),
				row.importedAt(), statusText(row.status()), row.previousChainHash(), row.lastChainHash(),
				row.firstSequence(), row.lastSequence(), counts.events(), counts.authorized(), counts.completed(),
				counts.reworks(), counts.failedAfterAuthorization(), counts.refused(), counts.counted());
		long number;
		try (PreparedStatement query = connection.prepareStatement("SELECT last_insert_rowid()");
				ResultSet result = query.executeQuery()) {
			result.next();
			number = result.getLong(1);
		}
		for (ReportCheckResult check : checks) {
			Sql.update(connection, "INSERT INTO report_checks (report_number, check_id, outcome, summary, findings,"
					+ " finding_count) VALUES (?, ?, ?, ?, ?, ?)", number, check.id(),
					check.outcome().name().toLowerCase(Locale.ROOT), check.summary(), String.join("\n", check.findings()),
					check.findingCount());	if (check.waivedFor().isPresent()) {
				Sql.update(connection, "INSERT INTO report_waivers (report_number, check_id, reason) VALUES (?, ?, ?)",
						number, check.id(), check.waivedFor().get());
			}
		}
		return number;
	}

	static Optional<ImportedReport> load(Connection connection, long number) throws SQLException {
		List<ReportCheckResult> checks = new ArrayList<>();
		try (PreparedStatement query = Sql.prepare(connection, "SELECT c.check_id, c.outcome, c.summary, c.findings,"
				+ " c.finding_count, w.reason FROM report_checks c LEFT JOIN report_waivers w"
				+ " ON w.report_number = c.report_number AND w.check_id = c.check_id WHERE c.report_number = ?", number);
				ResultSet rows = query.executeQuery()) {
			while (rows.next()) {
				String findings = rows.getString("findings");
				checks.add(new ReportCheckResult(rows.getString("check_id"),
						CheckOutcome.valueOf(rows.getString("outcome").toUpperCase(Locale.ROOT)), rows.getString("summary"),
						findings.isEmpty() ? List.of() : List.of(findings.split("\n", -1)), rows.getLong("finding_count"),
						Optional.ofNullable(rows.getString("reason"))));
			}
		}
		checks.sort(Comparator.comparingInt(check -> order(check.id())));
		try (PreparedStatement query = Sql.prepare(connection, "SELECT " + COLUMNS + " FROM reports WHERE number = ?",
				number); ResultSet row = query.executeQuery()) {
			if (!row.next()) {
				return Optional.empty();
			}
			return Optional.of(new ImportedReport(UUID.fromString(row.getString("report_id")),
					row.getString("station_name"), row.getString("station_serial"),
					Instant.ofEpochMilli(row.getLong("signed_ms")), Instant.ofEpochMilli(row.getLong("imported_ms")),
					row.getString("file_name"), row.getString("file_sha256"), ReportStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
					checks, new ReportCounts(row.getLong("events"), row.getLong("authorized"), row.getLong("completed"),
							row.getLong("reworks"), row.getLong("failed_after_authorization"), row.getLong("refused"),
							row.getLong("counted")),
					false));
		}
	}

	private static Optional<ImportedReport> countedByFile(Connection connection, String sha256) throws SQLException {
		try (PreparedStatement query = Sql.prepare(connection, "SELECT number FROM reports WHERE file_sha256 = ?"
				+ " AND status <> 'rejected' ORDER BY number LIMIT 1", sha256); ResultSet row = query.executeQuery()) {
			return row.next() ? load(connection, row.getLong(1)) : Optional.empty();
		}
	}

	private static int order(String id) {
		int at = ReportCheckResult.IDS.indexOf(id);
		return at < 0 ? Integer.MAX_VALUE : at;
	}

	// --- shared with the checks

	/** REJECTED when a check failed, FLAGGED when one warns, else ACCEPTED. */
	static ReportStatus status(List<ReportCheckResult> checks) {
		if (checks.stream().anyMatch(check -> check.outcome() == CheckOutcome.FAIL)) {
			return ReportStatus.REJECTED;
		}
		if (checks.stream().anyMatch(check -> check.outcome() == CheckOutcome.WARN)) {
			return ReportStatus.FLAGGED;
		}
		return ReportStatus.ACCEPTED;
	}

	static String statusText(ReportStatus status) {
		return status.name().toLowerCase(Locale.ROOT);
	}

	static String auditDetail(ReportStatus status, String stationName, String stationSerial, ReportCounts counts,
			Path file, List<ReportCheckResult> checks) {
		List<String> waived = checks.stream().filter(ReportCheckResult::waived).map(ReportCheckResult::id).toList();
		return statusText(status) + ": '" + stationName + "' (serial " + stationSerial + "), "
				+ Findings.count(counts.events(), "event", "events") + ", "
				+ Findings.count(counts.counted(), "device", "devices") + " counted, from " + file.getFileName()
				+ (waived.isEmpty() ? "" : "; the administrator waived " + String.join(", ", waived) + " ("
						+ checks.stream().flatMap(check -> check.waivedFor().stream()).findFirst().orElseThrow() + ")");
	}

	/** The CN of a certificate's subject, or the whole subject when it has none (as {@code Station.name}). */
	static String commonName(X509Certificate certificate) {
		return Station.commonName(certificate.getSubjectX500Principal().getName());
	}


	private static int threads() {
		return Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
	}

	private static String sha256(Path file, ProgressMonitor monitor) throws AdminException, OperationCancelledException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java runtime has SHA-256", e);
		}
		byte[] buffer = new byte[HASH_BUFFER_BYTES];
		try (InputStream in = Files.newInputStream(file)) {
			for (int read; (read = in.read(buffer)) > 0;) {
				digest.update(buffer, 0, read);
				monitor.worked(read);
				monitor.checkCancelled();
			}
		} catch (IOException e) {
			throw new AdminException("the production report " + file + " cannot be read: " + e.getMessage(), e);
		}
		return HexFormat.of().formatHex(digest.digest());
	}
}
