package io.mintage.station.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.mintage.core.DeviceUid;
import io.mintage.core.MemoryRegion;
import io.mintage.core.mcu.McuFamilies;
import io.mintage.core.mcu.McuFamily;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.mcu.Protection;
import io.mintage.core.mcu.RecordPlacement;
import io.mintage.core.probe.ProbeDriver;
import io.mintage.core.probe.SiteSettingException;
import io.mintage.core.probe.TargetConnection;
import io.mintage.core.probe.TargetConnection.TargetIdentity;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerEventTypes;
import io.mintage.ledger.LedgerException;
import io.mintage.ledger.QuotaExhaustedException;
import io.mintage.station.engine.SiteStatus.Phase;

/**
 * One site: waits for a device to answer, runs the pipeline on it, shows the result until the device
 * leaves the fixture, and starts over. A device whose result is shown is not worked on again while it
 * stays in place (same UID, or same device ID when it was refused before its UID was read); after lost
 * contact it is tried again a few times, and each attempt reuses its record.
 */
final class SiteWorker {

	/** A device this job must not make, said in plain words, with what to do. */
	private static final class DeviceRefused extends Exception {
		private static final long serialVersionUID = 1L;
		private final transient Step step;
		private final String advice;

		DeviceRefused(Step step, String message, String advice) {
			super(message);
			this.step = step;
			this.advice = advice;
		}
	}

	/** What the tile shows of the device being worked on. */
	private static final class Shown {
		Step step = Step.IDENTIFY;
		Optional<DeviceUid> uid = Optional.empty();
		OptionalLong serial = OptionalLong.empty();
	}

	private final ProductionEngine engine;
	private final int number;
	private final SiteAddress address;
	private final ProbeDriver probe;
	private final Map<McuVariant, FirmwarePlan> plans = new HashMap<>();
	private volatile boolean stopRequested;
	private volatile SiteStatus status;
	/** The device whose result is shown and that is not worked on again while it stays: "uid:…" or "id:…". */
	private String holding;
	/** The held device passed with protection set, so it answers read-protected now. */
	private boolean holdingProtectedPass;
	private DeviceUid lastUid;
	private int lostContact;

	SiteWorker(ProductionEngine engine, int number, SiteAddress address, ProbeDriver probe) {
		this.engine = engine;
		this.number = number;
		this.address = address;
		this.probe = probe;
		this.status = SiteStatus.idle(number, address);
	}

	SiteStatus status() {
		return status;
	}

	void stop() {
		stopRequested = true;
	}

	void run(DeviceBudget budget, ProgressMonitor cancel) {
		stopRequested = false;
		String why = "Stopped";
		show(Phase.WAITING, Optional.empty(), 0, Phase.WAITING.label(), "Put a device in the fixture", Optional.empty(),
				OptionalLong.empty());
		try {
			while (true) {
				if (engine.jobStopped().isPresent()) {
					why = "Stopped: " + engine.jobStopped().get();
					break;
				}
				if (stopRequested || cancel.isCancelled()) {
					break;
				}
				if (budget.done()) {
					why = "Done: the count is reached";
					break;
				}
				TargetConnection raw;
				try {
					raw = probe.connect(address.port(), cancel);
				} catch (IOException e) {
					noDevice(e);
					continue;
				} catch (OperationCancelledException e) {
					break;
				}
				try (TimedConnection connection = new TimedConnection(raw)) {
					device(connection, budget, cancel);
				} catch (IOException e) {
					// closing a line whose device went away: the next connect says what is there
				}
			}
		} finally {
			SiteStatus last = status;
			show(Phase.STOPPED, Optional.empty(), 0, why, engine.jobStopped().isPresent()
					? "Production cannot go on with this job: load a new one" : "Press Start to go on", last.uid(),
					last.serial());
		}
	}

	private void noDevice(IOException why) {
		holding = null;
		holdingProtectedPass = false;
		lostContact = 0;
		if (status.phase() != Phase.WAITING && status.phase() != Phase.FAIL && status.phase() != Phase.PASS) {
			show(Phase.WAITING, Optional.empty(), 0, Phase.WAITING.label(), "Put a device in the fixture", Optional.empty(),
					OptionalLong.empty());
		} else if (status.phase() != Phase.WAITING) {
			// the device left: keep its result in the advice until the next one comes
			show(Phase.WAITING, Optional.empty(), 0, Phase.WAITING.label(), "Last device: " + status.headline(),
					Optional.empty(), OptionalLong.empty());
		}
		pause();
	}

	private void pause() {
		try {
			Thread.sleep(engine.options().pollInterval().toMillis());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			stopRequested = true;
		}
	}

	private void device(TimedConnection connection, DeviceBudget budget, ProgressMonitor cancel) {
		long started = System.nanoTime();
		// the run's first job until the chip's family picks the job it is made for
		ProductionJob job = engine.job();
		RecordAuthority records = null;
		Shown shown = new Shown();
		Optional<DeviceUid> uid = Optional.empty();
		OptionalLong serial = OptionalLong.empty();
		boolean claimed = false;
		boolean placeTaken = false;
		boolean rework = false;
		boolean identified = false;
		StepProgress progress = new StepProgress(percent -> show(Phase.WORKING, Optional.of(shown.step), percent,
				shown.step.doing() + " " + percent + " %", "", shown.uid, shown.serial), cancel::isCancelled);
		try {
			TargetIdentity identity = connection.identify();
			McuFamilies.Identified chip = engine.families().identify(identity.deviceId())
					.orElseThrow(() -> new DeviceRefused(Step.IDENTIFY, String.format(
							"the chip answers with device ID 0x%X, which no installed MCU family knows", identity.deviceId()),
							"Put a " + jobFamilies() + " board on this site"));
			String idPrint = "id:" + Long.toHexString(identity.deviceId());
			if (idPrint.equals(holding)) {
				pause();
				return;
			}
			identified = true;
			Optional<ProductionEngine.Lane> lane = engine.laneFor(chip.family().id());
			if (lane.isEmpty()) {
				holding = idPrint;
				throw new DeviceRefused(Step.IDENTIFY, "this is a " + chip.family().displayName() + " ("
						+ chip.variant().name() + "); " + (engine.jobs().size() == 1 ? "job '" + job.name() + "' makes "
								: "the jobs of this run make ")
						+ jobFamilies() + " devices",
						"Use a " + jobFamilies() + " board on this site; no quota was used");
			}
			job = lane.get().job();
			records = lane.get().records();
			if (engine.jobStopped(job.id()).isPresent()) {
				holding = idPrint;
				throw new DeviceRefused(Step.IDENTIFY, "job '" + job.name() + "' has stopped: " + engine.jobStopped(job.id())
						.get(), "Take the device out; no quota was used");
			}
			// protection first: a protected chip refuses every read, the flash-size register's too
			if (connection.isReadProtected()) {
				if (holding != null && holdingProtectedPass) {
					pause();
					return;
				}
				if (!job.options().allowUnprotect()) {
					holding = idPrint;
					throw new DeviceRefused(Step.IDENTIFY, "the chip is read-protected: unprotecting erases it; allowed by this"
							+ " job? no", "Put an unprotected chip in, or ask the admin for a job that allows unprotecting");
				}
				shown.step = Step.ERASE;
				connection.unprotect(progress.slice(0, 5));
			}
			McuVariant variant = sized(connection, chip.variant());
			try {
				connection.configureFor(variant);
			} catch (SiteSettingException e) {
				holding = idPrint;
				throw new DeviceRefused(Step.IDENTIFY, e.getMessage(), "Correct the site's address in the station's"
						+ " settings; no quota was used");
			}
			shown.step = Step.UID;
			McuVariant withUid = uidVariant(variant, job);
			DeviceUid id = connection.readUid(withUid);
			if (("uid:" + id).equals(holding)) {
				pause();
				return;
			}
			if (!id.equals(lastUid)) {
				lostContact = 0;
			}
			lastUid = id;
			holding = null;
			holdingProtectedPass = false;
			uid = Optional.of(id);
			shown.uid = uid;
			Optional<Integer> other = engine.claim(id, number);
			if (other.isPresent()) {
				holding = "uid:" + id;
				throw new DeviceRefused(Step.UID, "site " + number + " sees chip UID " + hex(id) + ", which site " + other.get()
						+ " is working on now: two fixtures hold the same chip or their cables are crossed",
						"Check the cables of sites " + other.get() + " and " + number + "; no quota was used");
			}
			claimed = true;
			MemoryRegion recordRegion = recordRegion(variant, job);
			FirmwarePlan plan = plan(chip.family(), variant, job, recordRegion);
			if (!budget.take()) {
				pause();
				return;
			}
			placeTaken = true;

			shown.step = Step.AUTHORIZE;
			progress.slice(5, 8);
			records.checkUsable();
			RecordAuthority signer = records;
			Ledger.Authorization authorization;
			synchronized (engine.ledgerLock()) {
				authorization = engine.ledger().authorize(job.id(), job.serials(), id, "site " + number,
						s -> signer.sign(s, id));
			}
			serial = OptionalLong.of(authorization.serial().value());
			shown.serial = serial;
			rework = authorization.rework();
			engine.quotaChanged(job);
			byte[] record = authorization.record();

			shown.step = Step.ERASE;
			progress.slice(8, 20);
			for (FirmwarePlan.Span span : plan.erase()) {
				connection.erase(variant, span.start(), span.length(), progress);
			}
			boolean otp = recordRegion.kind() == MemoryRegion.Kind.OTP;
			if (!otp) {
				connection.erase(variant, recordRegion.start(), record.length, progress);
			}

			shown.step = Step.PROGRAM;
			long written = 0;
			for (FirmwarePlan.Write write : plan.writes()) {
				int from = 20 + (int) (65 * written / Math.max(1, plan.bytes()));
				written += write.bytes().length;
				connection.write(write.address(), write.bytes(), progress.slice(from, 20 + (int) (65 * written / Math.max(1,
						plan.bytes()))));
			}

			shown.step = Step.RECORD;
			progress.slice(85, 90);
			if (!otp || !Arrays.equals(record, connection.read(recordRegion.start(), record.length, ProgressMonitor.NONE))) {
				connection.write(recordRegion.start(), record, progress);
			}

			shown.step = Step.VERIFY;
			progress.slice(90, 95);
			byte[] back = connection.read(recordRegion.start(), record.length, progress);
			if (!Arrays.equals(back, record)) {
				throw new IOException(String.format("the record read back from 0x%08X is not the one written",
						recordRegion.start()));
			}
			try {
				records.check(back, id);
			} catch (Exception e) {
				throw new DeviceRefused(Step.VERIFY, "the record on the chip would not pass the firmware's check: "
						+ e.getMessage(), "Tell the admin: the job's record settings do not suit this chip");
			}

			shown.step = Step.PROTECT;
			progress.slice(95, 99);
			Optional<Protection.Level> level = protection(variant, job);
			if (level.isPresent()) {
				connection.protect(level.get().rank());
			}

			shown.step = Step.COMPLETE;
			progress.slice(99, 100);
			synchronized (engine.ledgerLock()) {
				engine.ledger().append(LedgerEventTypes.DEVICE_COMPLETED, job.id(), uid, serial, Optional.empty(),
						Optional.of("site " + number + (rework ? ", rework" : "")));
				engine.checkpointIfDue();
			}
			budget.passed();
			placeTaken = false;
			holding = "uid:" + id;
			holdingProtectedPass = level.isPresent();
			lostContact = 0;
			if (level.isEmpty()) {
				try {
					// the firmware starts: the device leaves the bootloader as the operator takes it out
					connection.run(variant.flash().start());
				} catch (IOException e) {
					// the device is done either way; it is taken out next
				}
			}
			String headline = (rework ? "Pass (rework, no quota used): serial " : "Pass: serial ") + serial.getAsLong();
			show(Phase.PASS, Optional.empty(), 100, headline, "Take the device out and put the next one in", uid, serial);
			finished(started, connection, uid, serial, true, rework, Optional.empty(), headline);
		} catch (DeviceRefused e) {
			failed(job, started, connection, identified, uid, serial, e.step, e.getMessage(), e.advice);
		} catch (JobStoppedException e) {
			failed(job, started, connection, identified, uid, serial, shown.step, e.getMessage(), "Load another job: "
					+ e.getMessage());
			engine.stopJob(Optional.of(job), e.getMessage());
		} catch (QuotaExhaustedException e) {
			String reason = "Quota used up: all " + job.serials().count() + " serials of job '" + job.name()
					+ "' are signed; ask the admin for a new job";
			show(Phase.FAIL, Optional.of(Step.AUTHORIZE), 0, reason, "Load a new job", uid, serial);
			finished(started, connection, uid, serial, false, false, Optional.of(Step.AUTHORIZE), reason);
			engine.stopJob(Optional.of(job), reason);
		} catch (LedgerException e) {
			String reason = "the ledger cannot be written (" + e.getMessage()
					+ "): production stops so that no device is made without being counted";
			show(Phase.FAIL, Optional.of(shown.step), 0, "Fail: " + reason, "Call the station's administrator", uid, serial);
			finished(started, connection, uid, serial, false, false, Optional.of(shown.step), reason);
			engine.stopJob(Optional.empty(), reason);
		} catch (OperationCancelledException e) {
			failed(job, started, connection, identified, uid, serial, shown.step, "stopped during " + lower(shown.step.doing()),
					"Press Start to go on; an authorized device keeps its record for the next attempt");
		} catch (IOException e) {
			if (serial.isEmpty()) {
				// nothing was authorized: a device that stops answering before is one that was taken out
				// (or never fully in): no failure to count, the site looks again
				pause();
				return;
			}
			lostContact++;
			if (lostContact > engine.options().retriesAfterLostContact() && uid.isPresent()) {
				holding = "uid:" + uid.get();
			}
			failed(job, started, connection, identified, uid, serial, shown.step, "contact lost during " + lower(shown.step.doing())
					+ ": " + e.getMessage(), "Check the cable and the fixture; the next attempt on this chip reuses its record");
		} catch (RuntimeException e) {
			if (uid.isPresent()) {
				holding = "uid:" + uid.get();
			}
			failed(job, started, connection, identified, uid, serial, shown.step, "unexpected error: " + e, "Report this to Mintage");
		} finally {
			if (claimed) {
				engine.release(uid.get(), number);
			}
			if (placeTaken) {
				budget.giveBack();
			}
		}
	}

	private void failed(ProductionJob job, long started, TimedConnection connection, boolean identified,
			Optional<DeviceUid> uid, OptionalLong serial, Step step, String message, String advice) {
		show(Phase.FAIL, Optional.of(step), 0, "Fail: " + message, advice, uid, serial);
		if (identified) {
			try {
				synchronized (engine.ledgerLock()) {
					engine.ledger().append(LedgerEventTypes.DEVICE_FAILED, job.id(), uid, serial, Optional.empty(),
							Optional.of("site " + number + ", step " + step.id() + ": " + message));
				}
			} catch (LedgerException e) {
				engine.stopJob(Optional.empty(), "the ledger cannot be written (" + e.getMessage()
						+ "): production stops so that no device is made without being counted");
			}
		}
		finished(started, connection, uid, serial, false, false, Optional.of(step), message);
	}

	private void finished(long started, TimedConnection connection, Optional<DeviceUid> uid, OptionalLong serial,
			boolean pass, boolean rework, Optional<Step> failedAt, String message) {
		long took = System.nanoTime() - started;
		engine.deviceFinished(new DeviceOutcome(number, engine.clock().instant(), uid, serial, pass, rework, failedAt,
				message, Duration.ofNanos(took), Duration.ofNanos(Math.max(0, took - connection.ioNanos()))));
	}

	private void show(Phase phase, Optional<Step> step, int percent, String headline, String advice,
			Optional<DeviceUid> uid, OptionalLong serial) {
		status = new SiteStatus(number, address, phase, step, percent, headline, advice, uid, serial);
		engine.siteChanged(status);
	}

	/** The variant cut to the flash size the chip reports, so the record goes to its real last page. */
	private static McuVariant sized(TargetConnection connection, McuVariant variant) throws IOException,
			OperationCancelledException {
		if (variant.flashSizeRegister().isEmpty()) {
			return variant;
		}
		byte[] kib = connection.read(variant.flashSizeRegister().getAsLong(), 2, ProgressMonitor.NONE);
		long bytes = ((kib[0] & 0xFF) | (kib[1] & 0xFF) << 8) * 1024L;
		if (bytes == 0 || bytes == 0xFFFF * 1024L) {
			return variant;
		}
		try {
			return variant.forFlashSize(bytes);
		} catch (IllegalArgumentException e) {
			throw new IOException("the chip reports " + bytes / 1024 + " KiB of flash, which a " + variant.name()
					+ " cannot have: " + e.getMessage(), e);
		}
	}

	private static McuVariant uidVariant(McuVariant variant, ProductionJob job) throws DeviceRefused {
		if (variant.uid().isPresent()) {
			return variant;
		}
		if (variant.undocumentedUid().isPresent() && job.options().acceptUndocumentedUid()) {
			return variant.assumingUndocumentedUid();
		}
		throw new DeviceRefused(Step.UID, "the " + variant.name() + " has no documented unique ID to bind the record to"
				+ (variant.undocumentedUid().isPresent() ? " (some chips of this ID have one; the job does not accept that risk)"
						: ""),
				"Ask the admin for a job that accepts chips without a documented UID, or use another chip");
	}

	private static MemoryRegion recordRegion(McuVariant variant, ProductionJob job) throws DeviceRefused {
		Optional<RecordPlacement> placement = job.options().placement();
		if (placement.isEmpty()) {
			return variant.recordRegion();
		}
		if (!variant.recordPlacements().contains(placement.get())) {
			throw new DeviceRefused(Step.IDENTIFY, "the job puts the record at '" + placement.get().id() + "', which the "
					+ variant.name() + " does not offer", "Use the chip the job was made for; no quota was used");
		}
		return variant.recordRegion(placement.get());
	}

	private FirmwarePlan plan(McuFamily family, McuVariant variant, ProductionJob job, MemoryRegion record)
			throws DeviceRefused {
		FirmwarePlan plan = plans.get(variant);
		if (plan == null) {
			try {
				plan = FirmwarePlan.of(family, variant, job.firmware(), record);
			} catch (IllegalArgumentException e) {
				throw new DeviceRefused(Step.IDENTIFY, e.getMessage(), "Tell the admin: the job's firmware does not suit"
						+ " this chip; no quota was used");
			}
			plans.put(variant, plan);
		}
		return plan;
	}

	private static Optional<Protection.Level> protection(McuVariant variant, ProductionJob job) throws DeviceRefused {
		Optional<String> named = job.options().protection();
		if (named.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(variant.protection().levels().stream().filter(l -> l.name().equals(named.get())).findFirst()
				.orElseThrow(() -> new DeviceRefused(Step.PROTECT, "the job asks for protection '" + named.get()
						+ "', which the " + variant.name() + " does not have", "Tell the admin")));
	}

	/** The families the run makes, for messages: "STM32F1" or "STM32F1, LPC11C24". */
	private String jobFamilies() {
		return String.join(" or ", engine.jobs().stream().map(j -> familyName(j.family())).toList());
	}

	private String familyName(String id) {
		return engine.families().find(id).map(McuFamily::displayName).orElse(id.toUpperCase(Locale.ROOT));
	}

	private static String lower(String text) {
		return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
	}

	static String hex(DeviceUid uid) {
		return HexFormat.of().formatHex(uid.bytes());
	}
}
