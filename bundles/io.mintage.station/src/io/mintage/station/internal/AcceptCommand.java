package io.mintage.station.internal;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

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
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.KeyStores;
import io.mintage.core.sign.SigningException;
import io.mintage.image.FirmwareImageLoader;
import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerEventTypes;
import io.mintage.ledger.LedgerException;
import io.mintage.image.LoadedImage;
import io.mintage.image.ReadOptions;
import io.mintage.trust.JobPackage;
import io.mintage.trust.QuotaTerms;
import io.mintage.trust.RevocationList;
import io.mintage.trust.TrustException;

/**
 * {@code station accept JOB}: checks a job package from end to end — signed by the trusted authority,
 * meant for this station, valid now, the station not revoked, its serial range clear of every
 * accepted quota of the product, the batch key and firmware decrypting to what the package says —
 * and only then stores the batch key in the station's key store and the job in its state. A refusal
 * writes nothing anywhere.
 */
@Component(service = Command.class, property = { Command.NAME + "=accept", Command.PRODUCT + "=station" })
public final class AcceptCommand implements Command {

	private final KeyStores keyStores;
	private final FirmwareImageLoader loader;
	private final Clock clock;

	@Activate
	public AcceptCommand(@Reference KeyStores keyStores,
			@Reference FirmwareImageLoader loader) {
		this(keyStores, loader, Clock.systemUTC());
	}

	AcceptCommand(KeyStores keyStores, FirmwareImageLoader loader, Clock clock) {
		this.keyStores = keyStores;
		this.loader = loader;
		this.clock = clock;
	}

	@Override
	public String summary() {
		return "verify a job package from the admin and take it into production";
	}

	@Override
	public String usage() {
		return """
				accept JOB

				Verifies the job package (signature by the trusted authority, meant for this station,
				valid now, station not revoked, serials not overlapping an accepted quota), decrypts
				its batch key and firmware with the station key, and stores them. Nothing is stored
				when any check fails.

				Example: mintage station accept job-2f6c….mjob""";
	}

	/** The alias of a quota's batch key in the station's key store. */
	static String batchAlias(QuotaTerms terms) {
		return "batch-" + terms.quotaId();
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(), Set.of());
		Path file = context.resolve(arguments.single("job package"));
		StationHome home = new StationHome(context.stateDirectory());
		X509Certificate authority = home.authority();
		X509Certificate station = home.certificate();
		byte[] encoded = CommandFiles.read(file, "the job package");
		JobPackage job;
		try {
			job = JobPackage.read(encoded, authority);
		} catch (TrustException e) {
			throw CommandException.failed("the job package " + file + " is refused: " + e.getMessage(), e);
		}
		Optional<RevocationList> revocations = home.revocations(authority);
		JobChecks.usable(job, station, authority, revocations, clock);
		AcceptedJobs jobs = new AcceptedJobs(home.jobsFolder());
		QuotaTerms terms = job.quota().terms();
		for (AcceptedJobs.Accepted accepted : jobs.all(authority)) {
			QuotaTerms other = accepted.job().quota().terms();
			if (accepted.job().jobId().equals(job.jobId())) {
				throw CommandException.failed("job '" + job.name() + "' (" + job.jobId() + ") is accepted already");
			}
			if (other.quotaId().equals(terms.quotaId())) {
				throw CommandException.failed("the quota " + terms.quotaId() + " of this job is in the accepted job '"
						+ accepted.job().name() + "' already; a quota is used by one job only");
			}
			if (other.product().equals(terms.product()) && overlap(other, terms)) {
				throw CommandException.failed("the serials " + terms.serials() + " of product " + terms.product()
						+ " overlap those of the accepted job '" + accepted.job().name() + "' (" + other.serials()
						+ "); two devices would share serials, so the job is refused");
			}
		}
		// the ledger is opened first: a station busy producing refuses the job before anything is stored
		try (Ledger ledger = Ledger.open(home.ledgerFile(), clock); KeyStoreSession session = home.open(keyStores)) {
			String stationAlias = home.keyLocation().alias();
			KeyPair batchKey = job.quota().unwrapBatchKey(session, stationAlias);
			byte[] firmware = job.decryptFirmware(session, stationAlias);
			JobFirmware.image(loader, job, firmware);
			String alias = batchAlias(terms);
			if (session.contains(alias)) {
				throw CommandException.failed("the station key store holds a batch key for quota " + terms.quotaId()
						+ " already, without an accepted job; remove it (" + alias + ") or ask the admin");
			}
			AcceptedJobs.Accepted stored = jobs.add(job, encoded, firmware);
			try {
				session.importKeyPair(alias, batchKey);
			} catch (SigningException e) {
				jobs.remove(stored);
				throw e;
			}
			try {
				ledger.append(LedgerEventTypes.JOB_ACCEPTED, job.jobId(), Optional.empty(), OptionalLong.empty(),
						Optional.empty(), Optional.of("job '" + job.name() + "', quota " + terms.quotaId() + ", serials "
								+ terms.serials()));
			} catch (LedgerException e) {
				session.delete(alias);
				jobs.remove(stored);
				throw e;
			}
		} catch (LedgerException e) {
			throw CommandException.failed("job '" + job.name() + "' was not accepted: " + e.getMessage(), e);
		} catch (TrustException | SigningException e) {
			throw CommandException.failed("job '" + job.name() + "' was not accepted: " + e.getMessage(), e);
		}
		context.out().println("Accepted job '" + job.name() + "' (" + job.jobId() + ")");
		context.out().println("Product " + job.product().id() + " '" + job.product().name() + "', family "
				+ job.product().mcuFamily() + ", firmware " + job.firmware().version());
		context.out().println("Quota " + terms.quotaId() + ": serials " + terms.serials() + ", valid until "
				+ terms.notAfter());
		return OK;
	}

	private static boolean overlap(QuotaTerms a, QuotaTerms b) {
		long aFirst = a.serials().first().value();
		long bFirst = b.serials().first().value();
		return aFirst < bFirst + b.serials().count() && bFirst < aFirst + a.serials().count();
	}
}
