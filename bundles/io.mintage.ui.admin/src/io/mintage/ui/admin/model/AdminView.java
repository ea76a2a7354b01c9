package io.mintage.ui.admin.model;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.mintage.admin.AuthorityInfo;
import io.mintage.admin.Firmware;
import io.mintage.admin.ImportedReport;
import io.mintage.admin.Job;
import io.mintage.admin.Product;
import io.mintage.admin.Quota;
import io.mintage.admin.ReportStatus;
import io.mintage.admin.Station;
import io.mintage.core.mcu.McuFamily;
import io.mintage.trust.ProductId;

/**
 * What the admin window shows, read from the admin database in one go: the authority, the stations, the
 * products with their firmware, the quotas with their jobs, the production reports imported (oldest
 * first) with their checks, and the last outcome of an action. Immutable; the model makes a new one after
 * every change.
 *
 * @param defaultKeystore where the key ceremony puts a software key store when the admin names none
 * @param families        the MCU families installed, by id
 * @param notice          what the last action came to, in words
 * @param at              when it was read
 */
public record AdminView(State state, Optional<String> problem, Path home, Path defaultKeystore,
		Optional<AuthorityInfo> authority, List<Station> stations, List<ProductView> products, List<QuotaView> quotas,
		List<JobView> jobs, List<ImportedReport> reports, List<McuFamily> families, Optional<Notice> notice,
		Instant at) {

	/** Whether the database has been read. */
	public enum State {
		LOADING, READY, FAILED
	}

	/** The outcome of an action: done or failed, in words. */
	public record Notice(boolean failed, String text, Instant at) {
		public Notice {
			Objects.requireNonNull(text, "text");
			Objects.requireNonNull(at, "at");
		}
	}

	/** A product and its firmware versions, oldest first. */
	public record ProductView(Product product, List<Firmware> firmware) {
		public ProductView {
			Objects.requireNonNull(product, "product");
			firmware = List.copyOf(firmware);
		}

		/** "Sensor (0x13572468)". */
		public String label() {
			return product.name() + " (" + product.id() + ")";
		}
	}

	/**
	 * A quota, the name of its product and the devices production reports have counted under it so far.
	 *
	 * @param counted devices counted by accepted reports; 0 before any report
	 */
	public record QuotaView(Quota quota, String productName, long counted) {
		public QuotaView {
			Objects.requireNonNull(quota, "quota");
			Objects.requireNonNull(productName, "productName");
		}

		/** What the station may still make under it. */
		public long left() {
			return Math.max(0, quota.count() - counted);
		}
	}

	/** A job package as issued, with its quota and firmware as the window names them. */
	public record JobView(Job job, Optional<Quota> quota, Optional<Firmware> firmware) {
		public JobView {
			Objects.requireNonNull(job, "job");
			Objects.requireNonNull(quota, "quota");
			Objects.requireNonNull(firmware, "firmware");
		}
	}

	public AdminView {
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(problem, "problem");
		Objects.requireNonNull(home, "home");
		Objects.requireNonNull(defaultKeystore, "defaultKeystore");
		Objects.requireNonNull(authority, "authority");
		stations = List.copyOf(stations);
		products = List.copyOf(products);
		quotas = List.copyOf(quotas);
		jobs = List.copyOf(jobs);
		reports = List.copyOf(reports);
		families = List.copyOf(families);
		Objects.requireNonNull(notice, "notice");
		Objects.requireNonNull(at, "at");
	}

	/** Nothing read yet. */
	static AdminView loading(Path home, Instant at) {
		return new AdminView(State.LOADING, Optional.empty(), home, home.resolve("authority").resolve("authority.p12"),
				Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Optional.empty(), at);
	}

	/** The same with another notice. */
	AdminView with(Optional<Notice> newNotice) {
		return new AdminView(state, problem, home, defaultKeystore, authority, stations, products, quotas, jobs, reports,
				families, newNotice, at);
	}

	/** The stations nothing may be issued for any more are left out: the ones a job can be for. */
	public List<Station> issuableStations() {
		return stations.stream().filter(station -> !station.revoked() && station.certificate().isPresent()).toList();
	}

	public Optional<ProductView> product(ProductId id) {
		return products.stream().filter(view -> view.product().id().equals(id)).findFirst();
	}

	public Optional<McuFamily> family(String id) {
		return families.stream().filter(family -> family.id().equals(id)).findFirst();
	}

	public Optional<QuotaView> quota(UUID id) {
		return quotas.stream().filter(view -> view.quota().id().equals(id)).findFirst();
	}

	/**
	 * The import of report {@code id} that counted, else its newest attempt ({@code Reports.find}'s rule):
	 * a report imported again with a waiver is selected as the import that counted, not as the rejection.
	 */
	public Optional<ImportedReport> report(UUID id) {
		List<ImportedReport> attempts = reports.stream().filter(report -> report.reportId().equals(id)).toList();
		return attempts.stream().filter(report -> report.status() != ReportStatus.REJECTED).findFirst()
				.or(() -> attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1)));
	}

	public Optional<Station> station(String serial) {
		return stations.stream().filter(station -> station.serial().equalsIgnoreCase(serial)).findFirst();
	}
}
