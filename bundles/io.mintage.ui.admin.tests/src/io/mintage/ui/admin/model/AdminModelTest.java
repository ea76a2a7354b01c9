package io.mintage.ui.admin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.admin.AdminException;
import io.mintage.admin.AuthorityInfo;
import io.mintage.admin.IssuedJob;
import io.mintage.admin.RoyaltyQuery;
import io.mintage.admin.Station;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.core.sign.KeyLocation;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.trust.AuthorityCertificates;
import io.mintage.trust.EnrolmentRequest;
import io.mintage.trust.JobPackage;
import io.mintage.trust.PemFiles;
import io.mintage.trust.ProductId;
import io.mintage.trust.RevocationList;

/**
 * The admin window's model on a real admin folder, every action through the admin services the commands
 * use: the key ceremony, an enrolment from a request file, a product and its firmware from a HEX file, a
 * job issued through the wizard's form into a file, revocation and the revocation list — and each view
 * the listeners get says what changed; a refusal comes back in plain words and changes nothing.
 */
class AdminModelTest {

	static final String HEX = """
			:020000040800F2
			:080000000000022001010008CC
			:04001000DEADBEEFB4
			:00000001FF
			""";
	private static final ProductId SENSOR = new ProductId(0x4242);

	@TempDir
	Path work;

	@Test
	void fromKeyCeremonyToJobFileThroughTheServicesOfTheCommands() throws Exception {
		List<AdminView> seen = new ArrayList<>();
		AdminModel model = new AdminModel(new RegistryServices(), work.resolve("admin"), Runnable::run,
				Clock.systemUTC());
		model.addListener(seen::add);
		AdminView first = done(model.refresh());
		assertEquals(AdminView.State.READY, first.state());
		assertEquals(Optional.empty(), first.authority());
		assertEquals(work.resolve("admin/authority/authority.p12"), first.defaultKeystore());

		// the key ceremony as the dialog makes it: passphrase in a private file the admin wrote
		io.mintage.testing.Backends.find("soft");
		Path secret = io.mintage.testing.Secrets.inFile(work, "authority.pass", "correct horse").file().orElseThrow();
		KeyCeremonyForm ceremony = new KeyCeremonyForm();
		ceremony.name("Acme Authority");
		ceremony.validUntil(KeyCeremonyForm.defaultValidUntil(Instant.now()));
		ceremony.location().keystore(first.defaultKeystore().toString());
		ceremony.location().secret(KeyLocationForm.Secret.FILE, secret.toString());
		assertEquals(Optional.empty(), ceremony.problem(Instant.now()));
		assertEquals(Optional.empty(), ceremony.passphraseProblem("correct horse".toCharArray(),
				"correct horse".toCharArray()));
		AuthorityInfo authority = done(model.createAuthority(ceremony.name(), ceremony.notAfter(),
				ceremony.location().location()));
		assertEquals("CN=Acme Authority", authority.subject());
		AdminView created = model.view();
		assertEquals(Optional.of(authority.fingerprint()), created.authority().map(AuthorityInfo::fingerprint));
		assertTrue(created.notice().orElseThrow().text().contains("SHA-256 fingerprint " + authority.fingerprint()),
				created.notice().toString());
		assertTrue(seen.contains(created), "the listeners got the view");

		// a station's request, as 'mintage station init' writes it
		Path request = work.resolve("line3.csr");
		try (KeyStoreSession station = io.mintage.testing.KeyStores.openSoft(work, "line3")) {
			station.generateKeyPair("station");
			PemFiles.writeRequest(request, EnrolmentRequest.create(station, "station", "Line 3"));
		}
		AdminModel.Enrolled enrolled = done(model.enrol(request));
		assertEquals(work.resolve("Line-3.pem"), enrolled.certificateFile(), "beside the request, named as by enrol");
		AuthorityCertificates.verifyStation(PemFiles.readCertificate(enrolled.certificateFile()),
				authority.certificate(), Clock.systemUTC());
		assertEquals(List.of("Line 3"), model.view().stations().stream().map(Station::name).toList());

		done(model.addProduct(SENSOR, "Sensor", "stm32f1"));
		Path hex = work.resolve("sensor.hex");
		Files.writeString(hex, HEX, StandardCharsets.US_ASCII);
		done(model.addFirmware(SENSOR, "1.4.2", hex, OptionalLong.empty()));
		AdminView withFirmware = model.view();
		AdminView.ProductView sensor = withFirmware.product(SENSOR).orElseThrow();
		assertEquals("Sensor (0x00004242)", sensor.label());
		assertEquals("1.4.2", sensor.firmware().get(0).version());

		// the wizard's form, page by page
		IssueForm form = new IssueForm();
		assertEquals(Optional.of("Choose the station that is to produce."), form.stationProblem(withFirmware));
		form.station(Optional.of(enrolled.station().serial()));
		form.product(Optional.of(SENSOR));
		form.firmware(Optional.of(sensor.firmware().get(0)));
		assertEquals(Optional.empty(), form.stationProblem(withFirmware));
		form.count("5");
		form.validUntil(Texts.date(Instant.now().plus(30, ChronoUnit.DAYS)));
		form.royalty("0.125", "EUR");
		assertEquals(Optional.empty(), form.quotaProblem(Instant.now()));
		form.recordOptions(true, Optional.of("protected"), false, Optional.empty(), false);
		assertEquals(Optional.empty(), form.optionsProblem(withFirmware.family("stm32f1").orElseThrow()));
		form.file(work.resolve("sensor.mjob").toString());
		assertEquals(Optional.empty(), form.fileProblem());
		List<String> steps = new ArrayList<>();
		IssuedJob job = done(model.issueJob(form.request(Instant.now()), form.file(), new ProgressMonitor() {
			@Override
			public void begin(String task, long totalWork) {
				steps.add(task);
			}

			@Override
			public void worked(long amount) {
			}

			@Override
			public boolean isCancelled() {
				return false;
			}
		}));
		assertEquals(List.of("Issuing a job package"), steps, "the wizard's bar follows the service's steps");
		assertEquals("Sensor 1.4.2", job.name());
		assertEquals(1, job.quota().firstSerial());
		JobPackage written = JobPackage.read(Files.readAllBytes(form.file()), authority.certificate());
		assertEquals(job.id(), written.jobId());
		AdminView issued = model.view();
		assertEquals(1, issued.quotas().size());
		assertEquals("5 of 5 left", Texts.left(issued.quotas().get(0)));
		assertEquals("1 to 5", Texts.serials(issued.quotas().get(0).quota()));
		assertEquals("Sensor", issued.quotas().get(0).productName());
		assertEquals("1.4.2", issued.jobs().get(0).firmware().orElseThrow().version());
		assertTrue(issued.notice().orElseThrow().text().startsWith("Job 'Sensor 1.4.2' issued: serials 1 to 5, written"
				+ " to " + form.file()), issued.notice().toString());

		// handing the same job over again
		Path again = work.resolve("again.mjob");
		done(model.exportJob(job.id(), again));
		assertEquals(Files.size(form.file()), Files.size(again));

		// a second job's serials follow the first: allocated by the service, never overlapping
		form.count("3");
		IssuedJob second = done(model.issueJob(form.request(Instant.now()), work.resolve("second.mjob"),
				ProgressMonitor.NONE));
		assertEquals(6, second.quota().firstSerial());

		Station revoked = done(model.revoke(enrolled.station().serial(), "key-compromise"));
		assertTrue(revoked.revoked());
		assertEquals("Revoked " + Texts.date(revoked.revocation().orElseThrow().revokedAt()) + " (key-compromise)",
				Texts.status(model.view().stations().get(0)));
		assertEquals(List.of(), model.view().issuableStations());
		Path crl = work.resolve("revocations.crl");
		RevocationList list = done(model.exportRevocationList(crl, Duration.ofDays(30)));
		assertEquals(1, list.entries().size());
		assertTrue(Files.readString(crl).startsWith("-----BEGIN X509 CRL-----"));

		// a refusal is said in words, the view keeps what it had
		ExecutionException refused = assertThrows(ExecutionException.class,
				() -> model.issueJob(form.request(Instant.now()), work.resolve("third.mjob"), ProgressMonitor.NONE)
						.get(60, TimeUnit.SECONDS));
		assertInstanceOf(AdminException.class, refused.getCause());
		AdminView.Notice notice = model.view().notice().orElseThrow();
		assertTrue(notice.failed());
		assertTrue(notice.text().startsWith("No job package was issued: the station CN=Line 3"), notice.text());
		assertTrue(notice.text().contains("(key-compromise); nothing is issued for it"), notice.text());
		assertFalse(Files.exists(work.resolve("third.mjob")));
		assertEquals(2, model.view().quotas().size());

		// a file that is no production report is refused with its name; nothing is owed yet
		Path garbage = Files.writeString(work.resolve("garbage.mreport"), "not a report");
		assertThrows(ExecutionException.class, () -> model.importReport(garbage).get(60, TimeUnit.SECONDS));
		AdminView.Notice notImported = model.view().notice().orElseThrow();
		assertTrue(notImported.failed() && notImported.text().startsWith("The report was not imported: "),
				notImported.text());
		assertTrue(notImported.text().contains(garbage.toString()), notImported.text());
		assertEquals(List.of(), model.view().reports());
		assertEquals(Optional.empty(), model.view().problem());
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		assertEquals(List.of(), done(model.statements(RoyaltyQuery.period(today.minusDays(30), today))));
		assertEquals(notImported, model.view().notice().orElseThrow(), "adding up changes no notice");
		model.close();
	}

	@Test
	void aFolderThatIsNoAdminDatabaseIsSaidInTheView() throws Exception {
		Path home = Files.createDirectories(work.resolve("admin"));
		Files.writeString(home.resolve("admin.db"), "not a database", StandardCharsets.US_ASCII);
		AdminModel model = new AdminModel(new RegistryServices(), home, Runnable::run, Clock.systemUTC());
		assertThrows(ExecutionException.class, () -> model.refresh().get(60, TimeUnit.SECONDS));
		AdminView view = model.view();
		assertEquals(AdminView.State.FAILED, view.state());
		assertTrue(view.problem().orElseThrow().startsWith("The admin database in " + home + " cannot be read: "),
				view.problem().toString());
		model.close();
	}

	static <T> T done(CompletableFuture<T> action) throws Exception {
		return action.get(60, TimeUnit.SECONDS);
	}
}
