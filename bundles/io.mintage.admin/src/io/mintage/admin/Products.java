package io.mintage.admin;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.trust.ProductId;

/** The products the company makes and their firmware versions. */
public interface Products {

	/** Adds a product; the MCU family must be installed, the id not taken. */
	Product add(ProductId id, String name, String mcuFamily) throws AdminException;

	/** Every product, by id. */
	List<Product> list() throws AdminException;

	Optional<Product> find(ProductId id) throws AdminException;

	/**
	 * Adds a firmware version: the file is read as an image (Intel HEX, S-record, ELF, or raw binary at
	 * {@code baseAddress}; {@code format} forces one) to learn its hash, start and length, and kept whole.
	 * A version label is used once per product.
	 */
	Firmware addFirmware(ProductId product, String version, String fileName, byte[] content, Optional<String> format,
			OptionalLong baseAddress, ProgressMonitor monitor) throws AdminException, OperationCancelledException;

	/** The firmware versions of a product, oldest first. */
	List<Firmware> firmware(ProductId product) throws AdminException;

	Optional<Firmware> findFirmware(ProductId product, String version) throws AdminException;

	/** The firmware file exactly as it was added. */
	byte[] content(Firmware firmware) throws AdminException;
}
