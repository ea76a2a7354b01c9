package io.mintage.admin.internal;

import java.math.BigDecimal;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.mintage.admin.AdminException;
import io.mintage.admin.Firmware;
import io.mintage.admin.IssuedJob;
import io.mintage.admin.IssuedQuota;
import io.mintage.admin.Job;
import io.mintage.admin.JobRequest;
import io.mintage.admin.Product;
import io.mintage.admin.Quota;
import io.mintage.admin.QuotaRequest;
import io.mintage.admin.RecordOptionChoices;
import io.mintage.admin.Quotas;
import io.mintage.admin.Royalty;
import io.mintage.admin.Station;
import io.mintage.core.SerialNumber;
import io.mintage.core.mcu.McuFamily;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.trust.AuthorityCertificates;
import io.mintage.trust.FirmwareInfo;
import io.mintage.trust.JobPackage;
import io.mintage.trust.ProductId;
import io.mintage.trust.ProductInfo;
import io.mintage.trust.QuotaKey;
import io.mintage.trust.QuotaTerms;
import io.mintage.trust.RecordOptions;
import io.mintage.trust.SerialRange;
import io.mintage.trust.TrustException;

/**
 * The {@code quotas} and {@code jobs} tables. Issuing is one write transaction under the writer lock:
 * read the product's ranges, choose or check the new one, sign the quota key, record it. So two issuers,
 * in threads or processes, never hand out the same serials.
 */
final class QuotaService implements Quotas {

	private static final String COLUMNS = "quota_id, product_id, first_serial, serial_count, station_serial,"
			+ " station_subject, firmware_id, valid_from_ms, valid_until_ms, royalty, royalty_currency, issued_ms, imported";

	private final AdminHome home;

	QuotaService(AdminHome home) {
		this.home = home;
	}

	@Override
	public IssuedQuota issue(QuotaRequest request) throws AdminException {
		try (AuthorityService.Opened authority = home.authority().open()) {
			return home.db().write("the quota could not be recorded",
					connection -> issue(connection, authority, request, OptionalLong.empty()));
		}
	}

	@Override
	public IssuedJob issueJob(JobRequest request, ProgressMonitor monitor)
			throws AdminException, OperationCancelledException {
		monitor.begin("Issuing a job package", 3);
		Firmware firmware = home.db().read("the firmware cannot be read",
				connection -> ProductService.firmwareById(connection, request.firmwareId())).orElseThrow(
						() -> new AdminException("there is no firmware " + request.firmwareId() + " in the admin database"));
		Product product = home.products().find(firmware.product()).orElseThrow(
				() -> new AdminException("there is no product " + firmware.product() + " in the admin database"));
		byte[] content = home.products().content(firmware);
		ProductInfo named = request.product().orElse(new ProductInfo(product.id(), product.name(), product.mcuFamily()));
		if (!named.id().equals(product.id())) {
			throw new AdminException("the firmware " + firmware.version() + " is of product " + product.id()
					+ ", the job names product " + named.id());
		}
		Optional<McuFamily> family = home.families().find(named.mcuFamily());
		Optional<RecordOptionChoices.Problem> problem = family
				.flatMap(installed -> RecordOptionChoices.of(installed).problem(request.recordOptions()));
		if (problem.isPresent()) {
			// the command and the wizard check first; this keeps any other caller from sending such a job
			throw new AdminException("no job package was issued: " + problem.get().message());
		}
		if (request.newQuota().isPresent() && !request.newQuota().get().product().equals(product.id())) {
			throw new AdminException("the firmware " + firmware.version() + " is of product " + product.id()
					+ ", the quota asked for product " + request.newQuota().get().product());
		}
		monitor.worked(1);
		monitor.checkCancelled();
		try (AuthorityService.Opened authority = home.authority().open()) {
			IssuedJob job = home.db().write("the job could not be recorded", connection -> {
				Station station = StationService.issuable(connection, request.station());
				X509Certificate stationCertificate = station.certificate().orElseThrow();
				IssuedQuota quota;
				if (request.newQuota().isPresent()) {
					quota = issue(connection, authority, request.newQuota().get(), OptionalLong.of(firmware.id()));
				} else {
					quota = carried(connection, authority, station, request.quotaKey().orElseThrow());
				}
				UUID jobId = UUID.randomUUID();
				String name = request.name().orElse(named.name() + " " + firmware.version());
				JobPackage issued;
				try {
					issued = JobPackage.issue(authority.signer(), stationCertificate, jobId, name,
							named,
							new FirmwareInfo(firmware.fileName(), firmware.version(), HexFormat.of().parseHex(firmware.sha256()),
									firmware.imageStart(), firmware.imageLength()),
							content, request.recordOptions(), QuotaKey.read(quota.quotaKey(), authority.certificate()),
							home.clock());
				} catch (TrustException | IllegalArgumentException e) {
					// IllegalArgumentException: a name or version the job format cannot hold
					throw new AdminException("no job package was issued: " + e.getMessage(), e);
				}
				Instant now = home.clock().instant();
				var options = request.recordOptions();
				Sql.update(connection, "INSERT INTO jobs (job_id, quota_id, name, firmware_id, bind_firmware_hash,"
						+ " protection, allow_unprotect, record_place, accept_undocumented_uid, issued_ms, package)"
						+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", jobId.toString(), quota.quota().id().toString(), name,
						firmware.id(), options.bindFirmwareHash(), options.protection(), options.allowUnprotect(),
						options.recordPlacement(), options.acceptUndocumentedUid(), now, issued.encoded());
				Audit.record(connection, now, Audit.JOB_ISSUED, jobId.toString(), "'" + name + "' for " + station.subject()
						+ ", quota " + quota.quota().id() + ", firmware " + firmware.version());
				return new IssuedJob(jobId, name, quota.quota(), firmware, options, issued.encoded());
			});
			monitor.worked(2);
			return job;
		}
	}

	@Override
	public List<Quota> list() throws AdminException {
		return home.db().read("the quotas cannot be read", connection -> {
			List<Quota> quotas = new ArrayList<>();
			try (PreparedStatement query = connection
					.prepareStatement("SELECT " + COLUMNS + " FROM quotas ORDER BY issued_ms, rowid");
					ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					quotas.add(quota(rows));
				}
			}
			return quotas;
		});
	}

	@Override
	public Optional<Quota> find(UUID id) throws AdminException {
		return home.db().read("the quota " + id + " cannot be read", connection -> find(connection, id));
	}

	@Override
	public byte[] quotaKey(UUID quotaId) throws AdminException {
		return home.db().read("the quota key " + quotaId + " cannot be read", connection -> {
			try (PreparedStatement query = Sql.prepare(connection, "SELECT quota_key FROM quotas WHERE quota_id = ?",
					quotaId.toString()); ResultSet row = query.executeQuery()) {
				if (!row.next()) {
					throw new AdminException("there is no quota " + quotaId + " in the admin database");
				}
				byte[] key = row.getBytes(1);
				if (key == null) {
					throw new AdminException("the quota " + quotaId + " was imported from the register of an earlier"
							+ " release, which kept no quota key files");
				}
				return key;
			}
		});
	}

	@Override
	public Map<UUID, Long> counted() throws AdminException {
		return home.db().read("the devices counted per quota cannot be read", connection -> {
			Map<UUID, Long> counted = new HashMap<>();
			try (PreparedStatement query = connection.prepareStatement("SELECT d.quota_id, count(*) FROM devices d"
					+ " JOIN reports r ON r.number = d.report_number WHERE r.status <> 'rejected' GROUP BY d.quota_id");
					ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					counted.put(UUID.fromString(rows.getString(1)), rows.getLong(2));
				}
			}
			return counted;
		});
	}

	@Override
	public List<Job> jobs() throws AdminException {
		return home.db().read("the jobs cannot be read", connection -> {
			List<Job> jobs = new ArrayList<>();
			try (PreparedStatement query = connection.prepareStatement("SELECT job_id, name, quota_id, firmware_id,"
					+ " bind_firmware_hash, protection, allow_unprotect, record_place, accept_undocumented_uid, issued_ms"
					+ " FROM jobs ORDER BY issued_ms, rowid"); ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					jobs.add(new Job(UUID.fromString(rows.getString("job_id")), rows.getString("name"),
							UUID.fromString(rows.getString("quota_id")), rows.getLong("firmware_id"),
							new RecordOptions(rows.getInt("bind_firmware_hash") != 0, Sql.text(rows, "protection"),
									rows.getInt("allow_unprotect") != 0, Sql.text(rows, "record_place"),
									rows.getInt("accept_undocumented_uid") != 0),
							Instant.ofEpochMilli(rows.getLong("issued_ms"))));
				}
			}
			return jobs;
		});
	}

	@Override
	public byte[] jobPackage(UUID jobId) throws AdminException {
		return home.db().read("the job package " + jobId + " cannot be read", connection -> {
			try (PreparedStatement query = Sql.prepare(connection, "SELECT package FROM jobs WHERE job_id = ?",
					jobId.toString()); ResultSet row = query.executeQuery()) {
				if (!row.next()) {
					throw new AdminException("there is no job " + jobId + " in the admin database");
				}
				return row.getBytes(1);
			}
		});
	}

	private IssuedQuota issue(Connection connection, AuthorityService.Opened authority, QuotaRequest request,
			OptionalLong firmwareId) throws SQLException, AdminException {
		Station station = StationService.issuable(connection, request.station());
		X509Certificate stationCertificate = station.certificate().orElseThrow();
		try {
			AuthorityCertificates.verifyStation(stationCertificate, authority.certificate(), home.clock());
		} catch (TrustException e) {
			throw new AdminException(e.getMessage(), e);
		}
		List<Quota> quotas = ofProduct(connection, request.product());
		long first;
		if (request.firstSerial().isPresent()) {
			first = request.firstSerial().getAsLong();
			if (first < 0 || request.count() > SerialRange.SERIAL_LIMIT - first) {
				throw new AdminException(SerialRange.describeOverflow(first, request.count()));
			}
			for (Quota other : quotas) {
				if (other.overlaps(first, request.count())) {
					throw new AdminException(SerialAllocation.overlap(request.product(), first, request.count(), other));
				}
			}
		} else {
			first = SerialAllocation.allocate(quotas, request.count()).orElseThrow(() -> new AdminException(
					"no free range of " + request.count() + " serials is left for product " + request.product()));
		}
		Instant notBefore = request.validFrom().orElse(home.now());
		if (!request.validUntil().isAfter(notBefore)) {
			throw new AdminException("the quota's end " + request.validUntil() + " is not after its start " + notBefore);
		}
		QuotaTerms terms;
		QuotaKey key;
		try {
			terms = new QuotaTerms(UUID.randomUUID(), request.product(),
					new SerialRange(new SerialNumber(first), request.count()), notBefore, request.validUntil());
			key = QuotaKey.issue(authority.signer(), stationCertificate, terms, home.clock());
		} catch (TrustException | IllegalArgumentException e) {
			throw new AdminException("no quota was issued: " + e.getMessage(), e);
		}
		Instant now = home.clock().instant();
		Sql.update(connection, "INSERT INTO quotas (quota_id, product_id, first_serial, serial_count, station_serial,"
				+ " station_subject, firmware_id, valid_from_ms, valid_until_ms, royalty, royalty_currency, issued_ms,"
				+ " quota_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", terms.quotaId().toString(),
				request.product().value(), first, request.count(), station.serial(), station.subject(), firmwareId,
				notBefore, request.validUntil(), request.royalty().map(Royalty::amount),
				request.royalty().map(Royalty::currency), now, key.encoded());
		Audit.record(connection, now, Audit.QUOTA_ISSUED, terms.quotaId().toString(), "product " + request.product()
				+ ", serials " + terms.serials() + ", station " + station.subject()
				+ request.royalty().map(royalty -> ", royalty " + royalty + " per device").orElse(""));
		return new IssuedQuota(find(connection, terms.quotaId()).orElseThrow(), key.encoded());
	}

	/**
	 * A quota key issued before that a job is to carry: recorded when the database does not know it yet
	 * (issued by a copy of this folder, say), after the same overlap check as a new quota.
	 */
	private IssuedQuota carried(Connection connection, AuthorityService.Opened authority, Station station,
			byte[] encoded) throws SQLException, AdminException {
		QuotaKey key;
		try {
			key = QuotaKey.read(encoded, authority.certificate());
		} catch (TrustException e) {
			throw new AdminException("no job package was issued: " + e.getMessage(), e);
		}
		QuotaTerms terms = key.terms();
		Optional<Quota> known = find(connection, terms.quotaId());
		if (known.isPresent()) {
			return new IssuedQuota(known.get(), encoded);
		}
		long first = terms.serials().first().value();
		for (Quota other : ofProduct(connection, terms.product())) {
			if (other.overlaps(first, terms.serials().count())) {
				throw new AdminException(SerialAllocation.overlap(terms.product(), first, terms.serials().count(), other));
			}
		}
		Instant now = home.clock().instant();
		Sql.update(connection, "INSERT INTO quotas (quota_id, product_id, first_serial, serial_count, station_serial,"
				+ " station_subject, valid_from_ms, valid_until_ms, issued_ms, quota_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				terms.quotaId().toString(), terms.product().value(), first, terms.serials().count(), station.serial(),
				station.subject(), terms.notBefore(), terms.notAfter(), key.signedAt(), encoded);
		Audit.record(connection, now, Audit.QUOTA_RECORDED, terms.quotaId().toString(), "product " + terms.product()
				+ ", serials " + terms.serials() + ": a quota key issued elsewhere, carried by a job");
		return new IssuedQuota(find(connection, terms.quotaId()).orElseThrow(), encoded);
	}

	static List<Quota> ofProduct(Connection connection, ProductId product) throws SQLException {
		List<Quota> quotas = new ArrayList<>();
		try (PreparedStatement query = Sql.prepare(connection,
				"SELECT " + COLUMNS + " FROM quotas WHERE product_id = ? ORDER BY first_serial", product.value());
				ResultSet rows = query.executeQuery()) {
			while (rows.next()) {
				quotas.add(quota(rows));
			}
		}
		return quotas;
	}

	static Optional<Quota> find(Connection connection, UUID id) throws SQLException {
		try (PreparedStatement query = Sql.prepare(connection, "SELECT " + COLUMNS + " FROM quotas WHERE quota_id = ?",
				id.toString()); ResultSet row = query.executeQuery()) {
			return row.next() ? Optional.of(quota(row)) : Optional.empty();
		}
	}

	private static Quota quota(ResultSet row) throws SQLException {
		Optional<String> amount = Sql.text(row, "royalty");
		Optional<Royalty> royalty = amount.isEmpty() ? Optional.empty()
				: Optional.of(new Royalty(new BigDecimal(amount.get()), row.getString("royalty_currency")));
		return new Quota(UUID.fromString(row.getString("quota_id")), new ProductId(row.getLong("product_id")),
				row.getLong("first_serial"), row.getLong("serial_count"), Sql.text(row, "station_serial"),
				row.getString("station_subject"), Sql.optionalLong(row, "firmware_id"), Sql.instant(row, "valid_from_ms"),
				Sql.instant(row, "valid_until_ms"), royalty, Instant.ofEpochMilli(row.getLong("issued_ms")),
				row.getInt("imported") != 0);
	}
}
