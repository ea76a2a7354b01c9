package io.mintage.admin.internal;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.CommandFiles;
import io.mintage.core.image.FirmwareImage;
import io.mintage.core.image.ImageFormatException;
import io.mintage.core.mcu.McuFamilies;
import io.mintage.core.mcu.McuFamily;
import io.mintage.core.sign.KeyStores;
import io.mintage.image.FirmwareImageLoader;
import io.mintage.image.ReadOptions;
import io.mintage.trust.FirmwareInfo;
import io.mintage.trust.JobPackage;
import io.mintage.trust.ProductId;
import io.mintage.trust.ProductInfo;
import io.mintage.trust.QuotaKey;
import io.mintage.trust.RecordOptions;
import io.mintage.trust.TrustException;

/**
 * {@code admin issue-job}: one file a station accepts to produce a product — product metadata, the
 * firmware encrypted to the station, record options and the quota — signed by the authority.
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
	private static final Pattern FAMILY_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

	private final KeyStores keyStores;
	private final FirmwareImageLoader loader;
	private final Clock clock;
	private final McuFamilies families;

	@Activate
	public IssueJobCommand(@Reference KeyStores keyStores, @Reference FirmwareImageLoader loader,
			@Reference McuFamilies families) {
		this(keyStores, loader, families, Clock.systemUTC());
	}

	IssueJobCommand(KeyStores keyStores, FirmwareImageLoader loader, McuFamilies families, Clock clock) {
		this.keyStores = keyStores;
		this.loader = loader;
		this.families = families;
		this.clock = clock;
	}

	@Override
	public String summary() {
		return "issue a job package: product, encrypted firmware, record options and quota for one station";
	}

	@Override
	public String usage() {
		return """
				issue-job --station CERT --product ID --product-name NAME --family FAMILY
				          --firmware FILE [--firmware-version V] [--base ADDR] [--format F]
				          [--bind-firmware-hash] [--protect LEVEL] [--allow-unprotect]
				          [--record-place PLACE] [--accept-undocumented-uid] [--name JOB]
				          (--quota FILE | --count N --serial-start S --valid-until DATE [--valid-from DATE])
				          [--out FILE]

				  --station CERT        the station's certificate
				  --product ID          the product id the firmware checks
				  --product-name NAME   the product's name, shown to the operator
				  --family FAMILY       the MCU family the job programs, e.g. stm32f1, lpc11c24
				  --firmware FILE       Intel HEX, S-record, ELF or raw binary (--base for binary)
				  --firmware-version V  shown to the operator and in reports (default: the file name)
				""" + RecordOptionArguments.USAGE + """

				  --name JOB            the job's name (default: product name and firmware version)
				  --quota FILE          a quota key issued before with 'issue-quota', or a new one:
				""" + QuotaOptions.USAGE + """

				  --out FILE            where to write the job package (default JOB-ID.mjob)

				Example: mintage admin issue-job --station line3.pem --product 0x13572468 \\
				           --product-name "Sensor v2" --family stm32f1 --firmware sensor.hex \\
				           --count 1000 --serial-start 100000 --valid-until 2027-06-30""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Set<String> options = new HashSet<>(QuotaOptions.OPTIONS);
		options.addAll(Set.of(QuotaOptions.STATION, QuotaOptions.PRODUCT, NAME, PRODUCT_NAME, FAMILY, FIRMWARE,
				FIRMWARE_VERSION, BASE, FORMAT, QUOTA, OUT));
		options.addAll(RecordOptionArguments.OPTIONS);
		Arguments arguments = Arguments.parse(words, RecordOptionArguments.FLAGS, options);
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		ProductId productId = QuotaOptions.product(arguments);
		String family = arguments.required(FAMILY);
		if (!FAMILY_ID.matcher(family).matches()) {
			throw CommandException.usage(FAMILY + " expects a family id such as stm32f1 or lpc11c24, got '" + family + "'");
		}
		Optional<McuFamily> mcuFamily = families.find(family);
		if (mcuFamily.isEmpty()) {
			throw CommandException.usage("no installed MCU family is '" + family + "'; the installed ones are: "
					+ String.join(", ", families.all().stream().map(McuFamily::id).toList()));
		}
		RecordOptions recordOptions = RecordOptionArguments.of(arguments, mcuFamily.get());
		ProductInfo product = new ProductInfo(productId, arguments.required(PRODUCT_NAME), family);
		Path firmwareFile = context.resolve(arguments.required(FIRMWARE));
		byte[] firmwareBytes = CommandFiles.read(firmwareFile, "the firmware file");
		FirmwareImage image = readImage(arguments, firmwareFile, firmwareBytes);
		String fileName = firmwareFile.getFileName().toString();
		String version = arguments.option(FIRMWARE_VERSION).orElse(fileName);
		FirmwareInfo firmware = new FirmwareInfo(fileName, version, HexFormat.of().parseHex(image.sha256()),
				image.lowestAddress(), image.span());
		boolean quotaGiven = arguments.option(QUOTA).isPresent();
		for (String option : QuotaOptions.OPTIONS) {
			if (quotaGiven && arguments.option(option).isPresent()) {
				throw CommandException.usage(option + " does not go with " + QUOTA + ": the quota key has its terms");
			}
		}
		AuthorityHome home = new AuthorityHome(context.stateDirectory());
		try (AuthorityHome.Opened authority = home.open(keyStores)) {
			X509Certificate station = QuotaOptions.station(authority,
					context.resolve(arguments.required(QuotaOptions.STATION)), clock);
			QuotaOptions.checkNotRevoked(home, station);
			QuotaKey quota;
			if (quotaGiven) {
				Path quotaFile = context.resolve(arguments.option(QUOTA).get());
				quota = QuotaKey.read(CommandFiles.read(quotaFile, "the quota key"), authority.signer().certificate());
			} else {
				quota = QuotaOptions.issue(home, authority, station, QuotaOptions.terms(arguments, productId, clock), clock);
			}
			UUID jobId = UUID.randomUUID();
			String name = arguments.option(NAME).orElse(product.name() + " " + version);
			JobPackage job = JobPackage.issue(authority.signer(), station, jobId, name, product, firmware, firmwareBytes,
					recordOptions, quota, clock);
			Path out = context.resolve(arguments.option(OUT).orElse("job-" + jobId + ".mjob"));
			CommandFiles.write(out, job.encoded(), "the job package");
			context.out().println("Job '" + name + "' (" + jobId + ") for " + station.getSubjectX500Principal().getName());
			context.out().println("Product " + productId + " '" + product.name() + "', family " + family + ", firmware "
					+ fileName + " (SHA-256 " + image.sha256() + ")");
			context.out().println("Quota " + quota.terms().quotaId() + ": serials " + quota.terms().serials()
					+ ", valid until " + quota.terms().notAfter());
			context.out().println("Record options: " + recordOptions.summary());
			for (String note : RecordOptionArguments.notes(recordOptions, mcuFamily.get())) {
				context.err().println("Note: " + note);
			}
			context.out().println("Written to " + out);
			return OK;
		} catch (TrustException e) {
			throw CommandException.failed("no job package was issued: " + e.getMessage(), e);
		} catch (IllegalArgumentException e) {
			// a name or version the job format cannot hold (text UTF-8 cannot encode, say)
			throw CommandException.usage("no job package was issued: " + e.getMessage());
		}
	}

	private FirmwareImage readImage(Arguments arguments, Path file, byte[] bytes) throws CommandException {
		ReadOptions options = ReadOptions.defaults();
		if (arguments.option(BASE).isPresent()) {
			options = options.withBaseAddress(Arguments.parseAddress(BASE, arguments.option(BASE).get()));
		}
		try {
			return loader.read(file.getFileName().toString(), bytes, arguments.option(FORMAT).orElse(null), options)
					.image();
		} catch (ImageFormatException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
	}
}
