package io.mintage.station.engine;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

import io.mintage.core.image.FirmwareImage;
import io.mintage.trust.JobPackage;
import io.mintage.trust.RecordOptions;
import io.mintage.trust.SerialRange;

/**
 * An accepted job ready to produce with: the verified job package and the firmware image it describes,
 * checked to be that image byte for byte.
 */
public final class ProductionJob {

	private final JobPackage job;
	private final FirmwareImage firmware;

	/**
	 * @throws IllegalArgumentException when the image is not the one the job describes
	 */
	public ProductionJob(JobPackage job, FirmwareImage firmware) {
		this.job = Objects.requireNonNull(job, "job");
		this.firmware = Objects.requireNonNull(firmware, "firmware");
		if (!Arrays.equals(HexFormat.of().parseHex(firmware.sha256()), job.firmware().imageSha256())) {
			throw new IllegalArgumentException("the firmware image (SHA-256 " + firmware.sha256() + ") is not the one job '"
					+ job.name() + "' describes (" + HexFormat.of().formatHex(job.firmware().imageSha256()) + ")");
		}
	}

	public JobPackage job() {
		return job;
	}

	public UUID id() {
		return job.jobId();
	}

	public String name() {
		return job.name();
	}

	/** The MCU family id the job's product is made of: {@code stm32f1}, {@code lpc11c24}, … */
	public String family() {
		return job.product().mcuFamily();
	}

	public FirmwareImage firmware() {
		return firmware;
	}

	public RecordOptions options() {
		return job.recordOptions();
	}

	public SerialRange serials() {
		return job.quota().terms().serials();
	}

	public Instant validUntil() {
		return job.quota().terms().notAfter();
	}

	@Override
	public String toString() {
		return "job '" + job.name() + "' (" + job.jobId() + ")";
	}
}
