package io.mintage.admin.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.mintage.admin.AdminException;
import io.mintage.admin.Firmware;
import io.mintage.admin.Product;
import io.mintage.admin.Products;
import io.mintage.core.image.FirmwareImage;
import io.mintage.core.image.ImageFormatException;
import io.mintage.core.mcu.McuFamily;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.image.ReadOptions;
import io.mintage.trust.ProductId;

/**
 * The {@code products} and {@code firmware} tables. Firmware files are kept whole in the database, not
 * referenced: a job issued a year later must carry exactly the bytes that were added, a file elsewhere can
 * change or vanish, and a backup of the one database then holds everything (firmware for these parts is
 * kilobytes to a few megabytes).
 */
final class ProductService implements Products {

	private static final String FIRMWARE_COLUMNS = "firmware_id, product_id, version, sha256, size, file_name,"
			+ " image_start, image_length, added_ms";

	private final AdminHome home;

	ProductService(AdminHome home) {
		this.home = home;
	}

	@Override
	public Product add(ProductId id, String name, String mcuFamily) throws AdminException {
		if (name.isBlank()) {
			throw new AdminException("a product needs a name");
		}
		Optional<McuFamily> family = home.families().find(mcuFamily);
		if (family.isEmpty()) {
			throw new AdminException("no installed MCU family is '" + mcuFamily + "'; the installed ones are: "
					+ String.join(", ", home.families().all().stream().map(McuFamily::id).toList()));
		}
		return home.db().write("the product " + id + " could not be added", connection -> {
			Optional<Product> known = find(connection, id);
			if (known.isPresent()) {
				throw new AdminException("the product " + id + " exists already: '" + known.get().name() + "' ("
						+ known.get().mcuFamily() + ")");
			}
			Instant now = home.clock().instant();
			Sql.update(connection, "INSERT INTO products (product_id, name, mcu_family, created_ms) VALUES (?, ?, ?, ?)",
					id.value(), name, mcuFamily, now);
			Audit.record(connection, now, Audit.PRODUCT_ADDED, id.toString(), "'" + name + "', " + mcuFamily);
			return find(connection, id).orElseThrow();
		});
	}

	@Override
	public List<Product> list() throws AdminException {
		return home.db().read("the products cannot be read", connection -> {
			List<Product> products = new ArrayList<>();
			try (PreparedStatement query = connection.prepareStatement(
					"SELECT product_id, name, mcu_family, created_ms FROM products ORDER BY product_id");
					ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					products.add(product(rows));
				}
			}
			return products;
		});
	}

	@Override
	public Optional<Product> find(ProductId id) throws AdminException {
		return home.db().read("the product " + id + " cannot be read", connection -> find(connection, id));
	}

	@Override
	public Firmware addFirmware(ProductId product, String version, String fileName, byte[] content,
			Optional<String> format, OptionalLong baseAddress, ProgressMonitor monitor)
			throws AdminException, OperationCancelledException {
		if (version.isBlank()) {
			throw new AdminException("a firmware version needs a label, such as 1.0.0");
		}
		monitor.begin("Adding firmware " + version + " of product " + product, 2);
		ReadOptions options = ReadOptions.defaults();
		if (baseAddress.isPresent()) {
			options = options.withBaseAddress(baseAddress.getAsLong());
		}
		FirmwareImage image;
		try {
			image = home.loader().read(fileName, content, format.orElse(null), options).image();
		} catch (ImageFormatException e) {
			throw new AdminException(e.getMessage(), e);
		}
		monitor.worked(1);
		monitor.checkCancelled();
		Firmware firmware = home.db().write("the firmware " + fileName + " could not be added", connection -> {
			if (find(connection, product).isEmpty()) {
				throw new AdminException("there is no product " + product + "; add it first ('mintage admin add-product')");
			}
			Optional<Firmware> known = findFirmware(connection, product, version);
			if (known.isPresent()) {
				throw new AdminException("firmware version '" + version + "' of product " + product
						+ " exists already (" + known.get().fileName() + ", SHA-256 " + known.get().sha256()
						+ "); give the new file another version label");
			}
			Instant now = home.clock().instant();
			Sql.update(connection, "INSERT INTO firmware (product_id, version, sha256, size, file_name, format,"
					+ " base_address, image_start, image_length, content, added_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					product.value(), version, image.sha256(), (long) content.length, fileName, format, baseAddress,
					image.lowestAddress(), image.span(), content, now);
			Audit.record(connection, now, Audit.FIRMWARE_ADDED, product + " " + version,
					fileName + ", SHA-256 " + image.sha256());
			return findFirmware(connection, product, version).orElseThrow();
		});
		monitor.worked(1);
		return firmware;
	}

	@Override
	public List<Firmware> firmware(ProductId product) throws AdminException {
		return home.db().read("the firmware of product " + product + " cannot be read", connection -> {
			List<Firmware> all = new ArrayList<>();
			try (PreparedStatement query = Sql.prepare(connection, "SELECT " + FIRMWARE_COLUMNS
					+ " FROM firmware WHERE product_id = ? ORDER BY firmware_id", product.value());
					ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					all.add(firmware(rows));
				}
			}
			return all;
		});
	}

	@Override
	public Optional<Firmware> findFirmware(ProductId product, String version) throws AdminException {
		return home.db().read("the firmware of product " + product + " cannot be read",
				connection -> findFirmware(connection, product, version));
	}

	@Override
	public byte[] content(Firmware firmware) throws AdminException {
		return home.db().read("the firmware file " + firmware.fileName() + " cannot be read", connection -> {
			try (PreparedStatement query = Sql.prepare(connection, "SELECT content FROM firmware WHERE firmware_id = ?",
					firmware.id()); ResultSet row = query.executeQuery()) {
				if (!row.next()) {
					throw new AdminException("the firmware " + firmware.version() + " of product " + firmware.product()
							+ " is not in the admin database");
				}
				return row.getBytes(1);
			}
		});
	}

	static Optional<Product> find(Connection connection, ProductId id) throws SQLException {
		try (PreparedStatement query = Sql.prepare(connection,
				"SELECT product_id, name, mcu_family, created_ms FROM products WHERE product_id = ?", id.value());
				ResultSet row = query.executeQuery()) {
			return row.next() ? Optional.of(product(row)) : Optional.empty();
		}
	}

	static Optional<Firmware> firmwareById(Connection connection, long id) throws SQLException {
		try (PreparedStatement query = Sql.prepare(connection,
				"SELECT " + FIRMWARE_COLUMNS + " FROM firmware WHERE firmware_id = ?", id);
				ResultSet row = query.executeQuery()) {
			return row.next() ? Optional.of(firmware(row)) : Optional.empty();
		}
	}

	private static Optional<Firmware> findFirmware(Connection connection, ProductId product, String version)
			throws SQLException {
		try (PreparedStatement query = Sql.prepare(connection,
				"SELECT " + FIRMWARE_COLUMNS + " FROM firmware WHERE product_id = ? AND version = ?", product.value(),
				version); ResultSet row = query.executeQuery()) {
			return row.next() ? Optional.of(firmware(row)) : Optional.empty();
		}
	}

	private static Product product(ResultSet row) throws SQLException {
		return new Product(new ProductId(row.getLong("product_id")), row.getString("name"), row.getString("mcu_family"),
				Instant.ofEpochMilli(row.getLong("created_ms")));
	}

	private static Firmware firmware(ResultSet row) throws SQLException {
		return new Firmware(row.getLong("firmware_id"), new ProductId(row.getLong("product_id")),
				row.getString("version"), row.getString("sha256"), row.getLong("size"), row.getString("file_name"),
				row.getLong("image_start"), row.getLong("image_length"), Instant.ofEpochMilli(row.getLong("added_ms")));
	}
}
