package io.mintage.station.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.mintage.core.command.CommandException;
import io.mintage.core.command.CommandFiles;
import io.mintage.core.io.PrivateFiles;
import io.mintage.trust.JobPackage;
import io.mintage.trust.TrustException;

/**
 * The jobs this station accepted, one folder each under {@code jobs/}: the job package as received
 * (checked again whenever it is used), the decrypted firmware (private) and the record journal. A
 * folder appears whole, by rename, or not at all.
 */
final class AcceptedJobs {

	static final String JOB_FILE = "job.mjob";
	static final String FIRMWARE_FOLDER = "firmware";

	private final Path folder;

	AcceptedJobs(Path folder) {
		this.folder = folder;
	}

	/** One accepted job: its verified package and where its files are. */
	record Accepted(Path folder, JobPackage job) {
		Path firmwareFile() {
			return folder.resolve(FIRMWARE_FOLDER).resolve(job.firmware().fileName());
		}
	}

	List<Accepted> all(X509Certificate authority) throws CommandException {
		List<Accepted> accepted = new ArrayList<>();
		if (!Files.isDirectory(folder)) {
			return accepted;
		}
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				if (!name.startsWith(".") && Files.isRegularFile(entry.resolve(JOB_FILE))) {
					accepted.add(load(entry, authority));
				}
			}
		} catch (IOException e) {
			throw CommandException.failed("the accepted jobs in " + folder + " cannot be listed: " + e.getMessage(), e);
		}
		accepted.sort(Comparator.comparing((Accepted a) -> a.job().signedAt()).thenComparing(a -> a.job().jobId()));
		return accepted;
	}

	/** The id {@code --job} names, or a usage error that says where ids come from. */
	static UUID jobId(String text) throws CommandException {
		try {
			return UUID.fromString(text);
		} catch (IllegalArgumentException e) {
			throw CommandException.usage("--job expects the id of an accepted job, such as 2f6c0d1e-…, not '" + text
					+ "': 'mintage station accept' printed it, and 'mintage station jobs' lists them");
		}
	}

	/**
	 * The job named by {@code --job ID}, or the only accepted one; a usage error in plain words
	 * otherwise.
	 */
	Accepted choose(Optional<String> jobOption, X509Certificate authority) throws CommandException {
		if (jobOption.isPresent()) {
			UUID id = jobId(jobOption.get());
			return find(id, authority)
					.orElseThrow(() -> CommandException.failed("no accepted job has the id " + id + "; see 'mintage station jobs'"));
		}
		List<Accepted> all = all(authority);
		if (all.isEmpty()) {
			throw CommandException.failed("no job is accepted yet: run 'mintage station accept JOB' first");
		}
		if (all.size() > 1) {
			throw CommandException.usage("there are " + all.size() + " accepted jobs; say which with --job ID"
					+ " (see 'mintage station jobs')");
		}
		return all.get(0);
	}

	Optional<Accepted> find(UUID jobId, X509Certificate authority) throws CommandException {
		Path job = folder.resolve(jobId.toString());
		return Files.isRegularFile(job.resolve(JOB_FILE)) ? Optional.of(load(job, authority)) : Optional.empty();
	}

	private static Accepted load(Path jobFolder, X509Certificate authority) throws CommandException {
		Path file = jobFolder.resolve(JOB_FILE);
		try {
			return new Accepted(jobFolder, JobPackage.read(CommandFiles.read(file, "the accepted job"), authority));
		} catch (TrustException e) {
			throw CommandException.failed("the accepted job " + file + " no longer verifies (" + e.getMessage()
					+ "); it was changed after it was accepted", e);
		}
	}

	/** Stores an accepted job whole: written to a hidden folder first, then renamed into place. */
	Accepted add(JobPackage job, byte[] encoded, byte[] firmware) throws CommandException {
		Path target = folder.resolve(job.jobId().toString());
		Path incoming = folder.resolve("." + job.jobId() + ".incoming");
		try {
			deleteTree(incoming);
			PrivateFiles.createFolders(incoming);
			PrivateFiles.writeAtomically(incoming.resolve(FIRMWARE_FOLDER).resolve(safeName(job)), firmware);
			PrivateFiles.writeAtomically(incoming.resolve(JOB_FILE), encoded);
			try {
				Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(incoming, target);
			}
		} catch (IOException e) {
			try {
				deleteTree(incoming);
			} catch (IOException ignored) {
				// the hidden folder is skipped when listing and replaced by the next attempt
			}
			throw CommandException.failed("the job could not be stored in " + target + ": " + e.getMessage(), e);
		}
		return new Accepted(target, job);
	}

	void remove(Accepted accepted) {
		try {
			deleteTree(accepted.folder());
		} catch (IOException e) {
			// only called to undo a half-done accept; the caller reports the original failure
		}
	}

	/** The firmware's file name as given by the admin, refused if it could leave the folder. */
	private static String safeName(JobPackage job) throws CommandException {
		String name = job.firmware().fileName();
		if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\") || name.contains("\0")) {
			throw CommandException.failed("the job's firmware file name '" + name + "' is not a plain file name");
		}
		return name;
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}
}
