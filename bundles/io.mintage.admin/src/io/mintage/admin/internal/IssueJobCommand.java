package io.mintage.admin.internal;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.Firmware;
import io.mintage.admin.IssuedJob;
import io.mintage.admin.JobRequest;
import io.mintage.admin.Product;
import io.mintage.admin.QuotaRequest;
import io.mintage.admin.Station;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.CommandFiles;
import io.mintage.core.command.JsonWriter;
import io.mintage.core.mcu.McuFamilies;
import io.mintage.core.mcu.McuFamily;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.trust.ProductId;
import io.mintage.trust.ProductInfo;
import io.mintage.trust.RecordOptions;

/**
 * {@code admin issue-job}: one file a station accepts to produce a product — product metadata, the
 * firmware encrypted to the station, record options and the quota — signed by the authority. A product
 * or firmware file not yet in the admin database is added on the way, so one command still does it all.
 */
@Component(service = Command.class, property = { Command.NAME + "=issue-job", Command.PRODUCT + "=admin" })
public final class IssueJobCommand implements Command {

	private static final String NAME = "--name";
	private static final String PRODUCT_NAME = "--product-name";
	private static final String FAMILY = "--family";
	private static final String FIRMWARE = "--firmware";
	private static final String FIRMWARE_VERSION = "--firmware-version";
	private static final String BASE = "--base";
	private static final String FORMAT = "--format";
	private static final String QUOTA = "--quota";
	private static final String OUT = "--out";
	static final Pattern FAMILY_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

	private final AdminStore store;
	private final McuFamilies families;

	@Activate
	public IssueJobCommand(@Reference AdminStore store, @Reference McuFamilies families) {
		this.store = store;
		this.families = families;
	}

	@Override
	public String summary() {
		return "issue a job package: product, encrypted firmware, record options and quota for one station";
	}

	@Override
	public String usage() {
		return """
				issue-job --station STATION --product ID [--product-name NAME --family FAMILY]
				          (--firmware FILE [--firmware-version V] [--base ADDR] [--format F] | --firmware-version V)
				          [--bind-firmware-hash] [--protect LEVEL] [--allow-unprotect]
				          [--record-place PLACE] [--accept-undocumented-uid] [--name JOB]
				          (--quota FILE | --count N --valid-until DATE [--serial-start S] [--valid-from DATE]
				           [--royalty AMOUNT --currency CODE])
				          [--out FILE] [--json]

				""" + QuotaOptions.STATION_USAGE + """

				  --product ID          the product id the firmware checks
				  --product-name NAME   the product's name, shown to the operator, and
				  --family FAMILY       the MCU family the job programs, e.g. stm32f1, lpc11c24: both
				                        needed for a product not yet in the admin database (it is added);
				                        default: as the database has the product
				  --firmware FILE       Intel HEX, S-record, ELF or raw binary (--base for binary); added
				                        to the product's firmware as --firmware-version V (default: the file
				                        name) unless that version is there with the same content
				  --firmware-version V  without --firmware: a version added before ('admin add-firmware')
				""" + RecordOptionArguments.USAGE + """

				  --name JOB            the job's name (default: product name and firmware version)
				  --quota FILE          a quota key issued before with 'issue-quota', or a new one:
				""" + QuotaOptions.USAGE + """

				  --out FILE            where to write the job package (default JOB-ID.mjob)

				Example: mintage admin issue-job --station line3.pem --product 0x13572468 \\
				           --product-name "Sensor v2" --family stm32f1 --firmware sensor.hex \\
				           --count 1000 --valid-until 2027-06-30 --royalty 0.125 --currency EUR""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Set<String> options = new HashSet<>(QuotaOptions.OPTIONS);
		options.addAll(Set.of(QuotaOptions.STATION, QuotaOptions.PRODUCT, NAME, PRODUCT_NAME, FAMILY, FIRMWARE,
				FIRMWARE_VERSION, BASE, FORMAT, QUOTA, OUT));
		options.addAll(RecordOptionArguments.OPTIONS);
		Set<String> flags = new HashSet<>(RecordOptionArguments.FLAGS);
		flags.add(AdminCommands.JSON);
		Arguments arguments = Arguments.parse(words, flags, options);
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		ProductId productId = QuotaOptions.product(arguments);
		String stationName = arguments.required(QuotaOptions.STATION);
		boolean quotaGiven = arguments.option(QUOTA).isPresent();
		for (String option : QuotaOptions.OPTIONS) {
			if (quotaGiven && arguments.option(option).isPresent()) {
				throw CommandException.usage(option + " does not go with " + QUOTA + ": the quota key has its terms");
			}
		}
		if (!quotaGiven) {
			QuotaOptions.request(arguments, "checked", productId); // usage errors before anything is opened
		}
		if (arguments.option(FIRMWARE).isEmpty() && arguments.option(FIRMWARE_VERSION).isEmpty()) {
			throw CommandException.usage("missing " + FIRMWARE + " FILE (or " + FIRMWARE_VERSION
					+ " V of a firmware added before)");
		}
		Admin admin = AdminCommands.open(store, context);
		try {
			// the family and the record options are checked before anything is added to the database
			Optional<Product> known = admin.products().find(productId);
			if (arguments.option(FAMILY).isPresent()) {
				AddProductCommand.checkFamily(families, arguments.option(FAMILY).get(), FAMILY);
			}
			String familyId = arguments.option(FAMILY).or(() -> known.map(Product::mcuFamily))
					.orElseThrow(() -> CommandException.usage("the product " + productId + " is not in the admin database"
							+ " yet: give " + PRODUCT_NAME + " and " + FAMILY + " to add it (or 'mintage admin add-product')"));
			McuFamily family = families.find(familyId).orElseThrow(() -> CommandException.failed(
					"the MCU family '" + familyId + "' of product " + productId + " is not installed"));
			RecordOptions recordOptions = RecordOptionArguments.of(arguments, family);
			Product product = product(admin, arguments, productId, known);
			ProductInfo named = new ProductInfo(productId, arguments.option(PRODUCT_NAME).orElse(product.name()), familyId);
			if (!named.name().equals(product.name()) || !familyId.equals(product.mcuFamily())) {
				// what releases before the database allowed; the database's product stays as it is
				context.err().println("Note: product " + productId + " is in the admin database as '" + product.name()
						+ "' (" + product.mcuFamily() + "); this job names it '" + named.name() + "' (" + familyId + ")");
			}
			Firmware firmware = firmware(admin, context, arguments, productId);
			Station station = AdminCommands.station(admin, context, stationName);
			Optional<QuotaRequest> newQuota = quotaGiven ? Optional.empty()
					: Optional.of(QuotaOptions.request(arguments, station.serial(), productId));
			Optional<byte[]> quotaKey = quotaGiven
					? Optional.of(CommandFiles.read(context.resolve(arguments.option(QUOTA).get()), "the quota key"))
					: Optional.empty();
			IssuedJob job = admin.quotas().issueJob(new JobRequest(station.serial(), firmware.id(), arguments.option(NAME),
					recordOptions, newQuota, quotaKey, Optional.of(named)), ProgressMonitor.NONE);
			Path out = context.resolve(arguments.option(OUT).orElse("job-" + job.id() + ".mjob"));
			CommandFiles.write(out, job.jobPackage(), "the job package");
			List<String> notes = RecordOptionArguments.notes(recordOptions, family);
			for (String note : notes) {
				context.err().println("Note: " + note);
			}
			if (arguments.has(AdminCommands.JSON)) {
				JsonWriter json = new JsonWriter().beginObject().beginObject("job").string("id", job.id().toString())
						.string("name", job.name()).string("station", station.subject())
						.string("recordOptions", recordOptions.summary()).string("file", out.toString()).endObject();
				AdminCommands.quota(json.beginObject("quota"), job.quota()).endObject();
				AdminCommands.firmware(json.beginObject("firmware"), firmware).endObject();
				AdminCommands.print(context, json.endObject());
				return OK;
			}
			context.out().println("Job '" + job.name() + "' (" + job.id() + ") for " + station.subject());
			context.out().println("Product " + productId + " '" + named.name() + "', family " + familyId
					+ ", firmware " + firmware.fileName() + " (SHA-256 " + firmware.sha256() + ")");
			context.out().println("Quota " + job.quota().id() + ": serials " + job.quota().firstSerial() + " to "
					+ job.quota().lastSerial() + " (" + job.quota().count() + "), valid until "
					+ job.quota().validUntil().map(Object::toString).orElse("the quota key's end")
					+ job.quota().royalty().map(royalty -> ", royalty " + royalty + " per device").orElse(""));
			context.out().println("Record options: " + recordOptions.summary());
			context.out().println("Written to " + out);
			return OK;
		} catch (AdminException e) {
			throw AdminCommands.failed(e);
		} catch (OperationCancelledException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
	}

	/**
	 * The product of the database, or added with --product-name and --family when new. A job may name a
	 * known product otherwise (as releases before the database let it); the caller notes that.
	 */
	private Product product(Admin admin, Arguments arguments, ProductId id, Optional<Product> known)
			throws CommandException, AdminException {
		Optional<String> name = arguments.option(PRODUCT_NAME);
		Optional<String> family = arguments.option(FAMILY);
		if (known.isPresent()) {
			return known.get();
		}
		if (name.isEmpty() || family.isEmpty()) {
			throw CommandException.usage("the product " + id + " is not in the admin database yet: give "
					+ PRODUCT_NAME + " and " + FAMILY + " to add it (or 'mintage admin add-product')");
		}
		return admin.products().add(id, name.get(), family.get());
	}

	/** The firmware version of the database, or the file given added as that version. */
	private static Firmware firmware(Admin admin, CommandContext context, Arguments arguments, ProductId product)
			throws CommandException, AdminException, OperationCancelledException {
		if (arguments.option(FIRMWARE).isEmpty()) {
			String version = arguments.option(FIRMWARE_VERSION).orElseThrow();
			return admin.products().findFirmware(product, version).orElseThrow(() -> CommandException.failed(
					"product " + product + " has no firmware version '" + version + "'; add it with 'mintage admin"
							+ " add-firmware' or give " + FIRMWARE + " FILE"));
		}
		Path file = context.resolve(arguments.option(FIRMWARE).get());
		byte[] content = CommandFiles.read(file, "the firmware file");
		String fileName = file.getFileName().toString();
		String version = arguments.option(FIRMWARE_VERSION).orElse(fileName);
		Optional<Firmware> known = admin.products().findFirmware(product, version);
		if (known.isPresent()) {
			if (java.util.Arrays.equals(admin.products().content(known.get()), content)) {
				return known.get();
			}
			throw CommandException.failed("firmware version '" + version + "' of product " + product
					+ " is in the admin database with other content (" + known.get().fileName() + ", SHA-256 "
					+ known.get().sha256() + "); give this file another " + FIRMWARE_VERSION);
		}
		OptionalLong base = arguments.option(BASE).isPresent()
				? OptionalLong.of(Arguments.parseAddress(BASE, arguments.option(BASE).get()))
				: OptionalLong.empty();
		return admin.products().addFirmware(product, version, fileName, content, arguments.option(FORMAT), base,
				ProgressMonitor.NONE);
	}
}
