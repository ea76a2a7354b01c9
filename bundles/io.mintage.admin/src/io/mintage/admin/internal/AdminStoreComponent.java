package io.mintage.admin.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.core.mcu.McuFamilies;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.core.sign.KeyStores;
import io.mintage.image.FirmwareImageLoader;

/** The admin store service: opens admin folders, migrating and importing as needed, and restores backups. */
@Component(service = AdminStore.class)
public final class AdminStoreComponent implements AdminStore {

	private final KeyStores keyStores;
	private final FirmwareImageLoader loader;
	private final McuFamilies families;
	private final Clock clock;

	@Activate
	public AdminStoreComponent(@Reference KeyStores keyStores, @Reference FirmwareImageLoader loader,
			@Reference McuFamilies families) {
		this(keyStores, loader, families, Clock.systemUTC());
	}

	public AdminStoreComponent(KeyStores keyStores, FirmwareImageLoader loader, McuFamilies families, Clock clock) {
		this.keyStores = keyStores;
		this.loader = loader;
		this.families = families;
		this.clock = clock;
	}

	Clock clock() {
		return clock;
	}

	@Override
	public Admin open(Path home) throws AdminException {
		return open(home, Migrations.CURRENT);
	}

	/**
	 * Opens at schema version {@code target}: below {@link Migrations#CURRENT} only for the tests, which
	 * make the databases of earlier versions this way.
	 */
	public Admin open(Path home, int target) throws AdminException {
		Path folder = home.toAbsolutePath().normalize();
		AdminDatabase database = new AdminDatabase(folder.resolve(DATABASE_FILE));
		database.createPrivately();
		int version;
		try (Connection connection = database.connect()) {
			version = Migrations.version(connection, database.file());
			boolean imported = version > 0 && Meta.get(connection, Meta.FILES_IMPORTED).isPresent();
			if (version > Migrations.CURRENT || version < target || !imported) {
				// the first opener after an upgrade or of a new folder prepares it; others wait for it
				try (WriterLock lock = database.lock()) {
					version = Migrations.migrate(connection, database.file(), target, clock.millis());
					Sql.immediate(connection, database.file(), "the files of an earlier release could not be imported",
							c -> LegacyImport.runOnce(c, folder, clock.instant()));
				}
			}
		} catch (SQLException e) {
			throw new AdminException("the admin database " + database.file() + " cannot be opened: " + e.getMessage(), e);
		}
		return new AdminHome(folder, database, version, keyStores, loader, families, clock);
	}

	@Override
	public Admin restore(Path backup, Path home, boolean replace, ProgressMonitor monitor)
			throws AdminException, OperationCancelledException {
		return Backups.restore(this, backup, home, replace, monitor);
	}
}
