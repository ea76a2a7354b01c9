package io.mintage.admin.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.AuditEntry;
import io.mintage.admin.Backup;
import io.mintage.admin.Products;
import io.mintage.admin.Quotas;
import io.mintage.admin.Reports;
import io.mintage.admin.Royalties;
import io.mintage.admin.Stations;
import io.mintage.core.mcu.McuFamilies;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.core.sign.KeyStores;
import io.mintage.image.FirmwareImageLoader;

/**
 * One opened admin folder: the database, the authority's files beside it, and what the services need
 * (key stores, the image loader, the installed MCU families, the clock). One place knows the file names.
 */
final class AdminHome implements Admin {

	private final Path home;
	private final AdminDatabase database;
	private final int schemaVersion;
	private final KeyStores keyStores;
	private final FirmwareImageLoader loader;
	private final McuFamilies families;
	private final Clock clock;

	AdminHome(Path home, AdminDatabase database, int schemaVersion, KeyStores keyStores, FirmwareImageLoader loader,
			McuFamilies families, Clock clock) {
		this.home = home;
		this.database = database;
		this.schemaVersion = schemaVersion;
		this.keyStores = keyStores;
		this.loader = loader;
		this.families = families;
		this.clock = clock;
	}

	static Path authorityFolder(Path home) {
		return home.resolve("authority");
	}

	static Path certificateFile(Path home) {
		return authorityFolder(home).resolve("authority.pem");
	}

	static Path keyLocationFile(Path home) {
		return authorityFolder(home).resolve("key.properties");
	}

	@Override
	public Path home() {
		return home;
	}

	@Override
	public Path database() {
		return database.file();
	}

	AdminDatabase db() {
		return database;
	}

	@Override
	public int schemaVersion() {
		return schemaVersion;
	}

	KeyStores keyStores() {
		return keyStores;
	}

	FirmwareImageLoader loader() {
		return loader;
	}

	McuFamilies families() {
		return families;
	}

	Clock clock() {
		return clock;
	}

	/** Now, to the second: certificates, CRLs and quota keys hold no fractions. */
	Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	@Override
	public AuthorityService authority() {
		return new AuthorityService(this);
	}

	@Override
	public Stations stations() {
		return new StationService(this);
	}

	@Override
	public Products products() {
		return new ProductService(this);
	}

	@Override
	public Quotas quotas() {
		return new QuotaService(this);
	}

	@Override
	public Reports reports() {
		return new ReportService(this);
	}

	@Override
	public Royalties royalties() {
		return new RoyaltyService(this);
	}

	@Override
	public List<AuditEntry> audit(int limit) throws AdminException {
		return database.read("the audit log cannot be read", connection -> Audit.newest(connection, limit));
	}

	@Override
	public Backup backup(Path file, ProgressMonitor monitor) throws AdminException, OperationCancelledException {
		return Backups.make(this, file, monitor);
	}
}
