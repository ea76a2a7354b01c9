package io.mintage.station.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.mintage.core.command.CommandException;
import io.mintage.core.command.CommandFiles;
import io.mintage.core.mcu.McuFamilies;
import io.mintage.core.probe.ProbeDriver;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.KeyStores;
import io.mintage.core.sign.SigningException;
import io.mintage.image.FirmwareImageLoader;
import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerException;
import io.mintage.station.engine.Production;
import io.mintage.station.engine.ProductionEngine;
import io.mintage.station.engine.ProductionException;
import io.mintage.station.engine.ProductionJob;
import io.mintage.trust.CmsSigner;
import io.mintage.trust.JobPackage;
import io.mintage.trust.ProductionReport;

/**
 * The station's production service: finds the accepted jobs, and opens a run with the job's firmware,
 * the station's keys and the ledger. Probe drivers and MCU families are the installed DS services.
 */
@Component(service = Production.class)
public final class ProductionService implements Production {

	private final KeyStores keyStores;
	private final FirmwareImageLoader loader;
	private final McuFamilies families;
	private final Clock clock;
	private final List<ProbeDriver> probes = new CopyOnWriteArrayList<>();

	@Activate
	public ProductionService(@Reference KeyStores keyStores, @Reference FirmwareImageLoader loader,
			@Reference McuFamilies families) {
		this(keyStores, loader, families, Clock.systemUTC());
	}

	ProductionService(KeyStores keyStores, FirmwareImageLoader loader, McuFamilies families, Clock clock) {
		this.keyStores = keyStores;
		this.loader = loader;
		this.families = families;
		this.clock = clock;
	}

	@Reference(service = ProbeDriver.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
	void addProbe(ProbeDriver probe) {
		probes.add(probe);
	}

	void removeProbe(ProbeDriver probe) {
		probes.remove(probe);
	}

	@Override
	public List<JobSummary> jobs(Path station) throws ProductionException {
		StationHome home = new StationHome(station);
		try {
			X509Certificate authority = home.authority();
			List<JobSummary> summaries = new ArrayList<>();
			List<AcceptedJobs.Accepted> accepted = new AcceptedJobs(home.jobsFolder()).all(authority);
			Optional<Ledger> ledger = Files.exists(home.ledgerFile()) ? Optional.of(Ledger.openReadOnly(home.ledgerFile()))
					: Optional.empty();
			try {
				for (AcceptedJobs.Accepted one : accepted) {
					JobPackage job = one.job();
					long used = ledger.isPresent() ? ledger.get().used(job.jobId()) : 0;
					summaries.add(new JobSummary(job.jobId(), job.name(), job.product().name(), job.product().mcuFamily(),
							job.firmware().version(), job.quota().terms().serials().count(), used,
							job.quota().terms().notAfter()));
				}
			} finally {
				if (ledger.isPresent()) {
					ledger.get().close();
				}
			}
			return summaries;
		} catch (CommandException | LedgerException e) {
			throw new ProductionException(e.getMessage(), e);
		}
	}

	@Override
	public Session open(Path station, Optional<UUID> jobId, ProductionEngine.Options options) throws ProductionException {
		StationHome home = new StationHome(station);
		try {
			AcceptedJobs.Accepted accepted = new AcceptedJobs(home.jobsFolder()).choose(jobId.map(UUID::toString),
					home.authority());
			return open(home, List.of(accepted), options);
		} catch (CommandException e) {
			throw new ProductionException(e.getMessage(), e);
		}
	}

	@Override
	public Session open(Path station, List<UUID> jobIds, ProductionEngine.Options options) throws ProductionException {
		StationHome home = new StationHome(station);
		try {
			X509Certificate authority = home.authority();
			AcceptedJobs jobs = new AcceptedJobs(home.jobsFolder());
			List<AcceptedJobs.Accepted> chosen = new ArrayList<>();
			if (jobIds.isEmpty()) {
				Optional<Ledger> ledger = Files.exists(home.ledgerFile())
						? Optional.of(Ledger.openReadOnly(home.ledgerFile()))
						: Optional.empty();
				try {
					for (AcceptedJobs.Accepted accepted : jobs.all(authority)) {
						if (usable(home, accepted, ledger)) {
							chosen.add(accepted);
						}
					}
				} finally {
					if (ledger.isPresent()) {
						ledger.get().close();
					}
				}
				if (chosen.isEmpty()) {
					throw new ProductionException("no accepted job can be used now (none accepted, or all expired, used up"
							+ " or revoked): accept a job from the admin first");
				}
			} else {
				for (UUID id : jobIds) {
					chosen.add(jobs.find(id, authority).orElseThrow(() -> new ProductionException(
							"no accepted job has the id " + id + "; see 'mintage station jobs'")));
				}
			}
			return open(home, chosen, options);
		} catch (CommandException | LedgerException e) {
			throw new ProductionException(e.getMessage(), e);
		}
	}

	/** Valid now, this station not revoked, and serials left. */
	private boolean usable(StationHome home, AcceptedJobs.Accepted accepted, Optional<Ledger> ledger)
			throws CommandException, LedgerException {
		JobPackage job = accepted.job();
		try {
			JobChecks.usable(job, home.certificate(), home.authority(), home.revocations(home.authority()), clock);
		} catch (CommandException e) {
			return false;
		}
		long used = ledger.isPresent() ? ledger.get().used(job.jobId()) : 0;
		return used < job.quota().terms().serials().count();
	}

	/**
	 * The run of these jobs: firmware checked, keys open once for all, the ledger held. The key store is
	 * opened on a thread of its own meanwhile: its passphrase hashing is most of a start.
	 */
	private Session open(StationHome home, List<AcceptedJobs.Accepted> accepted, ProductionEngine.Options options)
			throws ProductionException {
		CompletableFuture<KeyStoreSession> opening = CompletableFuture.supplyAsync(() -> {
			try {
				return home.open(keyStores);
			} catch (CommandException e) {
				throw new CompletionException(e);
			}
		});
		KeyStoreSession keys = null;
		Ledger ledger = null;
		try {
			List<ProductionJob> jobs = new ArrayList<>();
			for (AcceptedJobs.Accepted one : accepted) {
				JobPackage job = one.job();
				byte[] firmware = CommandFiles.read(one.firmwareFile(), "the job's firmware");
				jobs.add(new ProductionJob(job, JobFirmware.image(loader, job, firmware)));
			}
			ledger = Ledger.open(home.ledgerFile(), clock);
			keys = keys(opening);
			List<ProductionEngine.Lane> lanes = new ArrayList<>();
			List<StationRecordAuthority> authorities = new ArrayList<>();
			for (ProductionJob job : jobs) {
				StationRecordAuthority authority = new StationRecordAuthority(home, keys, job.job(), clock);
				authorities.add(authority);
				lanes.add(new ProductionEngine.Lane(job, authority));
			}
			decryptAhead(keys, authorities);
			ProductionEngine engine = new ProductionEngine(lanes, ledger,
					type -> probes.stream().filter(p -> p.type().equals(type)).findFirst(), families, clock, options);
			return new OpenSession(home, engine, ledger, keys);
		} catch (CommandException | LedgerException | RuntimeException e) {
			if (ledger != null) {
				closeQuietly(ledger);
			}
			if (keys == null) {
				opening.thenAccept(KeyStoreSession::close);
			} else {
				keys.close();
			}
			throw new ProductionException(e.getMessage(), e);
		}
	}

	/**
	 * Decrypts the run's keys on a thread of its own once it is ready: the batch keys first (a first device
	 * needs one), then the station key, which signs checkpoints while holding the ledger for every site.
	 * A software key is otherwise decrypted at its first use, 600,000 passphrase iterations later.
	 */
	private static void decryptAhead(KeyStoreSession keys, List<StationRecordAuthority> authorities) {
		Thread decrypting = new Thread(() -> {
			authorities.forEach(StationRecordAuthority::decryptBatchKeyAhead);
			try {
				keys.privateKey(StationHome.ALIAS);
			} catch (SigningException | RuntimeException e) {
				// reported, in words, at the first checkpoint
			}
		}, "decrypting the run's keys");
		decrypting.setDaemon(true);
		decrypting.start();
	}

	private static KeyStoreSession keys(CompletableFuture<KeyStoreSession> opening)
			throws CommandException {
		try {
			return opening.join();
		} catch (CompletionException e) {
			if (e.getCause() instanceof CommandException refused) {
				throw refused;
			}
			throw e;
		}
	}

	@Override
	public long report(Path station, Path file) throws ProductionException {
		StationHome home = new StationHome(station);
		if (!Files.exists(home.ledgerFile())) {
			throw new ProductionException("this station has no ledger yet (" + home.ledgerFile()
					+ "): nothing was produced to report");
		}
		try (Ledger ledger = Ledger.open(home.ledgerFile(), clock)) {
			return report(home, ledger, file);
		} catch (LedgerException e) {
			throw new ProductionException(e.getMessage(), e);
		}
	}

	/** The report of the events since the last one, written and recorded. */
	private long report(StationHome home, Ledger ledger, Path file) throws ProductionException {
		try (KeyStoreSession session = home.open(keyStores)) {
			CmsSigner signer = new CmsSigner(session, StationHome.ALIAS, home.certificate());
			ProductionReport report = ledger.report(signer, UUID.randomUUID());
			CommandFiles.write(file, report.encoded(), "the production report");
			ledger.reported(report);
			return report.events().size();
		} catch (CommandException | LedgerException e) {
			throw new ProductionException(e.getMessage(), e);
		}
	}

	private static void closeQuietly(Ledger ledger) {
		try {
			ledger.close();
		} catch (Exception e) {
			// the open failed for another reason, which is the one reported
		}
	}

	/** A run with everything it holds open. */
	private final class OpenSession implements Session {

		private final StationHome home;
		private final ProductionEngine engine;
		private final Ledger ledger;
		private final KeyStoreSession keys;

		OpenSession(StationHome home, ProductionEngine engine, Ledger ledger, KeyStoreSession keys) {
			this.home = home;
			this.engine = engine;
			this.ledger = ledger;
			this.keys = keys;
		}

		@Override
		public ProductionEngine engine() {
			return engine;
		}

		@Override
		public Ledger ledger() {
			return ledger;
		}

		@Override
		public long report(Path file) throws ProductionException {
			return ProductionService.this.report(home, ledger, file);
		}

		@Override
		public void close() throws ProductionException {
			try {
				engine.stopAll();
				engine.checkpoint();
			} catch (LedgerException e) {
				throw new ProductionException("the closing ledger checkpoint could not be written: " + e.getMessage(), e);
			} finally {
				try {
					ledger.close();
				} catch (LedgerException e) {
					// reported below only when the checkpoint went through
				} finally {
					keys.close();
				}
			}
		}
	}
}
