package io.mintage.ui.admin.model;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import io.mintage.admin.Firmware;
import io.mintage.admin.JobRequest;
import io.mintage.admin.QuotaRequest;
import io.mintage.admin.RecordOptionChoices;
import io.mintage.admin.Royalty;
import io.mintage.admin.Station;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.CommandException;
import io.mintage.core.mcu.McuFamily;
import io.mintage.trust.ProductId;
import io.mintage.trust.RecordOptions;
import io.mintage.trust.SerialRange;

/**
 * What the issue wizard asks, as typed, and whether each page can go on: a plain-words reason when it
 * cannot, naming the field and what to write. The numbers and dates are read as {@code issue-job} reads
 * its options, and the record options checked by the same {@link RecordOptionChoices}; the admin
 * services check everything again when the job is issued.
 */
public final class IssueForm {

	private Optional<String> station = Optional.empty();
	private Optional<ProductId> product = Optional.empty();
	private Optional<Firmware> firmware = Optional.empty();
	private String name = "";
	private String count = "";
	private String firstSerial = "";
	private String validFrom = "";
	private String validUntil = "";
	private String royalty = "";
	private String currency = "";
	private boolean bindFirmwareHash = true;
	private Optional<String> protection = Optional.empty();
	private boolean allowUnprotect;
	private Optional<String> recordPlace = Optional.empty();
	private boolean acceptUndocumentedUid;
	private String file = "";

	/** The station by its certificate serial (hex). */
	public void station(Optional<String> serial) {
		station = Objects.requireNonNull(serial, "serial");
	}

	public void product(Optional<ProductId> id) {
		product = Objects.requireNonNull(id, "id");
	}

	public void firmware(Optional<Firmware> chosen) {
		firmware = Objects.requireNonNull(chosen, "chosen");
	}

	public void name(String text) {
		name = text.strip();
	}

	public void count(String text) {
		count = text.strip();
	}

	public void firstSerial(String text) {
		firstSerial = text.strip();
	}

	public void validFrom(String text) {
		validFrom = text.strip();
	}

	public void validUntil(String text) {
		validUntil = text.strip();
	}

	public void royalty(String amount, String code) {
		royalty = amount.strip();
		currency = code.strip();
	}

	public void recordOptions(boolean bindHash, Optional<String> level, boolean unprotect, Optional<String> place,
			boolean undocumentedUid) {
		bindFirmwareHash = bindHash;
		protection = Objects.requireNonNull(level, "level");
		allowUnprotect = unprotect;
		recordPlace = Objects.requireNonNull(place, "place");
		acceptUndocumentedUid = undocumentedUid;
	}

	public void file(String path) {
		file = path.strip();
	}

	public Optional<ProductId> product() {
		return product;
	}

	public Optional<Firmware> firmware() {
		return firmware;
	}

	/** Page 1: a station that can receive jobs, a product, one of its firmware versions. */
	public Optional<String> stationProblem(AdminView view) {
		List<Station> issuable = view.issuableStations();
		if (issuable.isEmpty()) {
			return Optional.of("No station can receive a job: enrol one first (Stations, Enrol station…).");
		}
		if (station.isEmpty() || issuable.stream().noneMatch(s -> s.serial().equalsIgnoreCase(station.get()))) {
			return Optional.of("Choose the station that is to produce.");
		}
		if (view.products().isEmpty()) {
			return Optional.of("There is no product yet: add one with its firmware first (Products, Add product…).");
		}
		if (product.isEmpty()) {
			return Optional.of("Choose the product.");
		}
		if (firmware.isEmpty() || !firmware.get().product().equals(product.get())) {
			boolean none = view.product(product.get()).map(p -> p.firmware().isEmpty()).orElse(true);
			return Optional.of(none ? "The product " + product.get() + " has no firmware yet: add a version first"
					+ " (Products, Add firmware…)." : "Choose the firmware version the station is to program.");
		}
		return Optional.empty();
	}

	/** Page 2: how many devices, the first serial if given, the validity, the royalty. */
	public Optional<String> quotaProblem(Instant now) {
		if (count.isEmpty()) {
			return Optional.of("How many devices may the station make? Write the count.");
		}
		try {
			quota("checked", now);
			return Optional.empty();
		} catch (IllegalArgumentException e) {
			return Optional.of(e.getMessage());
		}
	}

	/** Page 3: options the product's MCU family can carry out. */
	public Optional<String> optionsProblem(McuFamily family) {
		return RecordOptionChoices.of(family).problem(options()).map(RecordOptionChoices.Problem::message)
				.map(message -> capitalized(message) + ".");
	}

	/** The notes on the options (variants whose chips the station will refuse). */
	public List<String> optionNotes(McuFamily family) {
		return RecordOptionChoices.of(family).notes(options());
	}

	/** Page 4: where the job file goes. */
	public Optional<String> fileProblem() {
		if (file.isEmpty()) {
			return Optional.of("Say where the job file is to be written.");
		}
		try {
			Path path = Path.of(file).toAbsolutePath();
			Path folder = path.getParent();
			if (folder == null || !Files.isDirectory(folder)) {
				return Optional.of("The folder " + folder + " does not exist.");
			}
			if (Files.isDirectory(path)) {
				return Optional.of(path + " is a folder; give the job file's name.");
			}
		} catch (InvalidPathException e) {
			return Optional.of("'" + file + "' is not a file name: " + e.getReason() + ".");
		}
		return Optional.empty();
	}

	public Path file() {
		return Path.of(file).toAbsolutePath();
	}

	/** The request, once every page has no problem. */
	public JobRequest request(Instant now) {
		String serial = station.orElseThrow(() -> new IllegalStateException("no station chosen"));
		Firmware chosen = firmware.orElseThrow(() -> new IllegalStateException("no firmware chosen"));
		return new JobRequest(serial, chosen.id(), name.isEmpty() ? Optional.empty() : Optional.of(name), options(),
				Optional.of(quota(serial, now)), Optional.empty(), Optional.empty());
	}

	public RecordOptions options() {
		return new RecordOptions(bindFirmwareHash, protection, allowUnprotect, recordPlace, acceptUndocumentedUid);
	}

	/** The quota asked for; IllegalArgumentException with the reason in words when it cannot be. */
	private QuotaRequest quota(String serial, Instant now) {
		ProductId id = product.orElseThrow(() -> new IllegalArgumentException("Choose the product first."));
		try {
			long devices = Arguments.parseNumber("The count", count, 1, SerialRange.SERIAL_LIMIT);
			OptionalLong first = OptionalLong.empty();
			if (!firstSerial.isEmpty()) {
				long start = Arguments.parseNumber("The first serial", firstSerial, 0, SerialRange.SERIAL_LIMIT - 1);
				if (start + devices > SerialRange.SERIAL_LIMIT) {
					throw new IllegalArgumentException(capitalized(SerialRange.describeOverflow(start, devices)) + ".");
				}
				first = OptionalLong.of(start);
			}
			if (validUntil.isEmpty()) {
				throw new IllegalArgumentException("Until when may the station sign records? Write the last day,"
						+ " such as 2027-06-30.");
			}
			Instant until = Arguments.parseEnd("'Valid until'", validUntil);
			Optional<Instant> from = validFrom.isEmpty() ? Optional.empty()
					: Optional.of(Arguments.parseStart("'Valid from'", validFrom));
			Instant start = from.orElse(now);
			if (!until.isAfter(start)) {
				throw new IllegalArgumentException("The quota would end on " + Texts.date(until) + ", before it starts ("
						+ Texts.date(start) + "): choose a later last day.");
			}
			return new QuotaRequest(serial, id, devices, first, from, until, royaltyAsked());
		} catch (CommandException e) {
			throw new IllegalArgumentException(e.getMessage() + ".", e);
		}
	}

	private Optional<Royalty> royaltyAsked() {
		if (royalty.isEmpty() && currency.isEmpty()) {
			return Optional.empty();
		}
		if (royalty.isEmpty() || currency.isEmpty()) {
			throw new IllegalArgumentException("The royalty per device and its currency go together: write both (such"
					+ " as 0.125 and EUR), or neither.");
		}
		try {
			return Optional.of(Royalty.parse(royalty, currency));
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(capitalized(e.getMessage()) + ".", e);
		}
	}

	private static String capitalized(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}
}
