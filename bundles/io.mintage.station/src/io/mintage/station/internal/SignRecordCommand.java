package io.mintage.station.internal;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.CommandFiles;
import io.mintage.core.command.JsonWriter;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.KeyStores;
import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerException;
import io.mintage.ledger.QuotaExhaustedException;
import io.mintage.trust.DeviceRecord;
import io.mintage.trust.EcdsaSigningKey;
import io.mintage.trust.FirmwareHash;
import io.mintage.trust.JobPackage;
import io.mintage.trust.P256PublicKey;
import io.mintage.trust.QuotaTerms;
import io.mintage.trust.RecordSigner;
import io.mintage.trust.RecordVerifier;
import io.mintage.trust.TrustException;

/**
 * {@code station sign-record --uid HEX}: signs the device record for one chip with an accepted job's
 * quota. The next free serial is taken, the record is checked as the chip will check it, and its
 * journal entry is on disk before the record is shown; a UID signed before gets its record again and
 * uses no quota. (The production engine does this for every chip it programs.)
 */
@Component(service = Command.class, property = { Command.NAME + "=sign-record", Command.PRODUCT + "=station" })
public final class SignRecordCommand implements Command {

	private static final String UID = "--uid";
	private static final String JOB = "--job";
	private static final String OUT = "--out";
	private static final String JSON = "--json";

	private final KeyStores keyStores;
	private final Clock clock;

	@Activate
	public SignRecordCommand(@Reference KeyStores keyStores) {
		this(keyStores, Clock.systemUTC());
	}

	SignRecordCommand(KeyStores keyStores, Clock clock) {
		this.keyStores = keyStores;
		this.clock = clock;
	}

	@Override
	public String summary() {
		return "sign the device record for one chip UID with an accepted job's quota";
	}

	@Override
	public String usage() {
		return """
				sign-record --uid HEX [--job ID] [--out FILE] [--json]

				Signs the 304-byte device record for the chip with unique ID HEX (as read from the
				chip, 1 to 16 bytes), taking the next serial of the job's quota. A UID signed before
				gets the same record again and uses no quota.

				  --uid HEX    the chip's unique ID, e.g. 2b0047000e51363236313533
				  --job ID     the accepted job (needed when there is more than one)
				  --out FILE   also write the record's bytes to FILE
				  --json       print one JSON object: job, quota, serial, uid, record (hex), rework

				Example: mintage station sign-record --uid 2b0047000e51363236313533 --out record.bin""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(JSON), Set.of(UID, JOB, OUT));
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		DeviceUid uid;
		try {
			uid = DeviceUid.parse(arguments.required(UID));
		} catch (IllegalArgumentException e) {
			throw CommandException.usage(UID + ": " + e.getMessage());
		}
		StationHome home = new StationHome(context.stateDirectory());
		X509Certificate authority = home.authority();
		X509Certificate station = home.certificate();
		AcceptedJobs.Accepted accepted = new AcceptedJobs(home.jobsFolder()).choose(arguments.option(JOB), authority);
		JobPackage job = accepted.job();
		QuotaTerms terms = job.quota().terms();
		Ledger.Authorization entry;
		long left;
		KeyStoreSession[] keys = { null };
		try (Ledger ledger = Ledger.open(home.ledgerFile(), clock)) {
			// the keys are opened only for a UID without a record: a rework needs none
			entry = ledger.authorize(job.jobId(), terms.serials(), uid, "sign-record", serial -> {
				keys[0] = home.open(keyStores);
				return new StationRecordAuthority(home, keys[0], job, clock).sign(serial, uid);
			});
			left = terms.serials().count() - ledger.used(job.jobId());
		} catch (QuotaExhaustedException e) {
			throw CommandException.failed("the quota of job '" + job.name() + "' is used up: all "
					+ terms.serials().count() + " serials are signed; ask the admin for a new job");
		} catch (LedgerException e) {
			Throwable cause = e.getCause();
			if (cause instanceof CommandException refused) {
				throw refused;
			}
			throw CommandException.failed("no record was signed for " + uid + ": " + e.getMessage(), e);
		} finally {
			if (keys[0] != null) {
				keys[0].close();
			}
		}
		boolean rework = entry.rework();
		if (arguments.option(OUT).isPresent()) {
			Path out = context.resolve(arguments.option(OUT).get());
			CommandFiles.write(out, entry.record(), "the device record");
		}
		String recordHex = HexFormat.of().formatHex(entry.record());
		if (arguments.has(JSON)) {
			context.out().println(new JsonWriter().beginObject().string("job", job.jobId().toString())
					.string("quota", terms.quotaId().toString()).number("serial", entry.serial().value())
					.string("uid", HexFormat.of().formatHex(uid.bytes())).string("record", recordHex)
					.bool("rework", rework).number("quotaLeft", left).endObject().toString());
		} else {
			context.out().println((rework ? "Same record again (rework, no quota used)" : "Signed") + ": serial "
					+ entry.serial().value() + ", UID " + HexFormat.of().formatHex(uid.bytes()) + ", job '" + job.name() + "', "
					+ left + " left");
			context.out().println(recordHex);
		}
		return OK;
	}
}
