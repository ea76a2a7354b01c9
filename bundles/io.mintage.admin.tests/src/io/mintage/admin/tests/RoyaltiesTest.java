package io.mintage.admin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.Firmware;
import io.mintage.admin.ImportedReport;
import io.mintage.admin.ReportStatus;
import io.mintage.admin.Royalty;
import io.mintage.admin.RoyaltyQuery;
import io.mintage.admin.royalty.RoyaltyStatement;
import io.mintage.core.DeviceUid;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.progress.ProgressMonitor;

/**
 * Royalties from imported reports: exact decimals, one statement per currency, the period's first and
 * last instants, station and product filters, devices of quotas without a royalty and of rejected
 * reports left out; and the three report commands, through the service registry.
 */
class RoyaltiesTest {

	@TempDir
	Path folder;

	private Admin admin;
	private SyntheticStation line3;
	private SyntheticStation line4;
	/** The first day of the month of the statements: in the past, so every event is before the quotas' end. */
	private LocalDate month;

	@BeforeEach
	void setUp() throws Exception {
		admin = Fixture.withAuthority(folder);
		line3 = SyntheticStation.enrol(admin, folder, "Line 3", 0x33333333);
		line4 = SyntheticStation.enrol(admin, folder, "Line 4", 0x44444444);
		month = LocalDate.now(ZoneOffset.UTC).minusMonths(6).withDayOfMonth(1);
	}

	@AfterEach
	void close() {
		line3.close();
		line4.close();
	}

	/** Line 3: Sensor at 0.125 EUR, Valve at 2 EUR, Sensor without royalty; Line 4: Sensor at 0.35 USD. */
	private void produce() throws Exception {
		Firmware sensor = Fixture.sensorFirmware(admin);
		admin.products().add(Fixture.OTHER, "Valve", "stm32f1");
		Firmware valve = admin.products().addFirmware(Fixture.OTHER, "2.0", "valve.hex",
				Fixture.HEX.getBytes(StandardCharsets.US_ASCII), Optional.empty(), OptionalLong.empty(),
				ProgressMonitor.NONE);
		SyntheticStation.Job sensor3 = line3.job(sensor, 100, Optional.of(Royalty.parse("0.125", "EUR")));
		SyntheticStation.Job valve3 = line3.job(valve, 100, Optional.of(Royalty.parse("2", "EUR")));
		SyntheticStation.Job free3 = line3.job(sensor, 100, Optional.empty());
		SyntheticStation.Job sensor4 = line4.job(sensor, 100, Optional.of(Royalty.parse("0.35", "USD")));
		Instant start = month.atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant next = month.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		completedAt(line3, sensor3, start.minusSeconds(1)); // the day before
		completedAt(line3, sensor3, start);
		completedAt(line3, sensor3, start.plusSeconds(15 * 86_400));
		completedAt(line3, sensor3, next.minusMillis(1));
		completedAt(line3, sensor3, next); // the month after
		completedAt(line3, valve3, start.plusSeconds(3600));
		completedAt(line3, valve3, start.plusSeconds(7200));
		completedAt(line3, free3, start.plusSeconds(9000));
		for (int i = 0; i < 3; i++) {
			completedAt(line4, sensor4, start.plusSeconds(86_400 * (i + 2)));
		}
		for (SyntheticStation station : List.of(line3, line4)) {
			ImportedReport report = admin.reports().importReport(station.report(), ProgressMonitor.NONE);
			assertEquals(ReportStatus.ACCEPTED, report.status(), () -> ReportImportTest.describe(report));
		}
	}

	/** A device whose completion is at {@code completed}, authorized a second before. */
	private static void completedAt(SyntheticStation station, SyntheticStation.Job job, Instant completed)
			throws Exception {
		station.at(completed.minusSeconds(1));
		DeviceUid uid = station.newUid();
		long serial = station.authorize(job, uid);
		station.complete(job, uid, serial, false);
	}

	@Test
	void statementsAreExactPerCurrencyAndTheMonthsBoundariesHold() throws Exception {
		produce();
		List<RoyaltyStatement> statements = admin.royalties().statements(RoyaltyQuery.period(month,
				month.plusMonths(1).minusDays(1)));
		assertEquals(List.of("EUR", "USD"), statements.stream().map(s -> s.currency().getCurrencyCode()).toList());
		RoyaltyStatement eur = statements.get(0);
		assertEquals("Test Authority", eur.authority());
		assertEquals(month, eur.from());
		assertEquals(5, eur.devices(), "3 sensors in the month, the one a millisecond before its end included; 2 valves");
		assertEquals(new BigDecimal("4.375"), eur.total());
		assertEquals("station,product,devices,royalty_per_device,amount,currency\r\n"
				+ "Line 3,Sensor (" + Fixture.SENSOR.value() + "),3,0.125,0.375,EUR\r\n"
				+ "Line 3,Valve (42),2,2.00,4.00,EUR\r\n"
				+ "TOTAL,,5,,4.375,EUR\r\n", csv(eur));
		RoyaltyStatement usd = statements.get(1);
		assertEquals(3, usd.devices());
		assertEquals(new BigDecimal("1.05"), usd.total());
		assertEquals("Line 4", usd.lines().get(0).station());

		// one day: the first instant of the day is in it
		List<RoyaltyStatement> firstDay = admin.royalties().statements(RoyaltyQuery.period(month, month));
		assertEquals(1, firstDay.size());
		assertEquals(3, firstDay.get(0).devices(), "the sensor at midnight and both valves");
		assertEquals(new BigDecimal("4.125"), firstDay.get(0).total());
		List<RoyaltyStatement> dayBefore = admin.royalties().statements(RoyaltyQuery.period(month.minusDays(1),
				month.minusDays(1)));
		assertEquals(1, dayBefore.get(0).devices(), "the last second of the day before is in it");
		List<RoyaltyStatement> lastDay = admin.royalties().statements(RoyaltyQuery.period(
				month.plusMonths(1).minusDays(1), month.plusMonths(1).minusDays(1)));
		assertEquals(1, lastDay.get(0).devices(), "a millisecond before midnight is the last day's");

		// filters: a station by name or serial, a product by id
		List<RoyaltyStatement> line4Only = admin.royalties().statements(new RoyaltyQuery(month,
				month.plusMonths(1).minusDays(1), Optional.of("Line 4"), Optional.empty()));
		assertEquals(List.of("USD"), line4Only.stream().map(s -> s.currency().getCurrencyCode()).toList());
		assertEquals(line4Only.get(0).total(), admin.royalties().statements(new RoyaltyQuery(month,
				month.plusMonths(1).minusDays(1), Optional.of(line4.station.serial()), Optional.empty())).get(0).total());
		List<RoyaltyStatement> valves = admin.royalties().statements(new RoyaltyQuery(month,
				month.plusMonths(1).minusDays(1), Optional.empty(), Optional.of("42")));
		assertEquals(1, valves.size());
		assertEquals(new BigDecimal("4"), valves.get(0).total(), "2 × 2, the scale the royalty was given with");
		AdminException unknown = assertThrows(AdminException.class, () -> admin.royalties().statements(
				new RoyaltyQuery(month, month, Optional.of("Line 9"), Optional.empty())));
		assertTrue(unknown.getMessage().contains("no station with certificate serial or name 'Line 9'"));
		assertTrue(admin.royalties().statements(RoyaltyQuery.period(month.minusYears(1), month.minusYears(1)))
				.isEmpty(), "nothing owed: no statement");
	}

	@Test
	void theCommandsImportListAndStateRoyaltiesInJsonAndCsv() throws Exception {
		Firmware sensor = Fixture.sensorFirmware(admin);
		SyntheticStation.Job job = line3.job(sensor, 100, Optional.of(Royalty.parse("0.125", "EUR")));
		line3.at(month.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600));
		for (int i = 0; i < 50; i++) {
			line3.device(job, line3.newUid());
		}
		Path first = line3.report();
		line3.device(job, line3.newUid());
		line3.report(); // never imported: the next one has a gap
		line3.device(job, line3.newUid());
		Path third = line3.report();
		Path home = admin.home();

		Result imported = run(home, "import-report", first.toString(), "--json");
		assertEquals(0, imported.exitCode(), imported.toString());
		Json.check(imported.out());
		assertTrue(imported.out().contains("\"status\":\"accepted\",\"alreadyImported\":false,\"counts\":{\"events\":101,"
				+ "\"authorized\":50,\"completed\":50,\"reworks\":0,\"failedAfterAuthorization\":0,\"refused\":0,"
				+ "\"counted\":50}"), imported.toString());
		assertTrue(imported.out().contains("{\"id\":\"continuity\",\"outcome\":\"pass\",\"summary\":\"the station's first"
				+ " report here: its chain starts at the genesis value\",\"findingCount\":0,\"findings\":[]}"),
				imported.toString());

		Result gap = run(home, "import-report", third.toString());
		assertEquals(CommandException.FAILED, gap.exitCode(), gap.toString());
		assertTrue(gap.out().contains(third.toString() + ": REJECTED"), gap.toString());
		assertTrue(gap.out().contains("  FAIL  continuity: the report does not continue what this station reported"
				+ " before\n        events 102 to 103 are in no imported report"), gap.toString());
		Result again = run(home, "import-report", first.toString());
		assertEquals(0, again.exitCode(), again.toString());
		assertTrue(again.out().contains("imported already on"), again.toString());

		Result list = run(home, "reports");
		assertEquals(2, list.out().lines().count(), list.toString());
		assertTrue(list.out().lines().toList().get(1).contains("REJECTED  report "), list.toString());
		String rejectedId = admin.reports().list().get(1).reportId().toString();
		Result one = run(home, "reports", rejectedId);
		assertTrue(one.out().contains("  PASS  signature: signed by 'Line 3'"), one.toString());
		assertTrue(one.out().contains("  FAIL  continuity: "), one.toString());
		Result oneJson = run(home, "reports", rejectedId, "--json");
		Json.check(oneJson.out());
		assertTrue(oneJson.out().startsWith("{\"report\":{\"reportId\":\"" + rejectedId + "\""), oneJson.toString());
		Result missing = run(home, "reports", "0b7e3d2c-1111-4222-8333-444455556666");
		assertEquals(1, missing.exitCode());
		assertTrue(missing.err().contains("no report 0b7e3d2c-1111-4222-8333-444455556666 was imported"));

		Path csv = folder.resolve("statement.csv");
		Result royalties = run(home, "royalties", "--from", month.toString(), "--to",
				month.plusMonths(1).minusDays(1).toString(), "--csv", csv.toString(), "--pdf",
				folder.resolve("statement.pdf").toString(), "--json");
		assertEquals(0, royalties.exitCode(), royalties.toString());
		Json.check(royalties.out());
		assertTrue(royalties.out().contains("\"statements\":[{\"currency\":\"EUR\",\"devices\":50,\"total\":\"6.250\","
				+ "\"lines\":[{\"station\":\"Line 3\",\"product\":\"Sensor (" + Fixture.SENSOR.value() + ")\","
				+ "\"devices\":50,\"royaltyPerDevice\":\"0.125\",\"amount\":\"6.250\"}]}]"), royalties.toString());
		assertEquals("station,product,devices,royalty_per_device,amount,currency\r\n"
				+ "Line 3,Sensor (" + Fixture.SENSOR.value() + "),50,0.125,6.25,EUR\r\n"
				+ "TOTAL,,50,,6.25,EUR\r\n", Files.readString(csv));
		assertTrue(Files.readString(folder.resolve("statement.pdf"), StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
		Result text = run(home, "royalties", "--from", month.toString(), "--to", month.toString());
		assertTrue(text.out().contains("  Line 3  Sensor (" + Fixture.SENSOR.value() + ")  50 × 0.125 = 6.25 EUR"),
				text.toString());
		Result backwards = run(home, "royalties", "--from", month.toString(), "--to", month.minusDays(1).toString());
		assertEquals(CommandException.USAGE, backwards.exitCode());
	}

	private static String csv(RoyaltyStatement statement) throws Exception {
		java.io.StringWriter out = new java.io.StringWriter();
		io.mintage.admin.royalty.StatementCsv.write(statement, out);
		return out.toString();
	}

	record Result(int exitCode, String out, String err) {
		@Override
		public String toString() {
			return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
		}
	}

	private Result run(Path state, String... words) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
		PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
		int exitCode;
		try {
			exitCode = AdminCommandsTest.find(words[0]).run(CommandContext.of(outStream, errStream, folder, state),
					new ArrayList<>(List.of(words).subList(1, words.length)));
		} catch (CommandException e) {
			errStream.println(e.getMessage());
			exitCode = e.exitCode();
		}
		return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}
}
