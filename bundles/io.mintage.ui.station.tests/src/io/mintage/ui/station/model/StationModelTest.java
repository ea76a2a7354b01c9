package io.mintage.ui.station.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerEventTypes;
import io.mintage.serial.SerialPorts;
import io.mintage.sim.ChipFeeder;
import io.mintage.sim.FeedPlan;
import io.mintage.sim.HostOptions;
import io.mintage.sim.stm32.Stm32EmulatorFactory;
import io.mintage.station.engine.Production;
import io.mintage.station.engine.ProductionEngine;
import io.mintage.station.engine.QuotaStatus;
import io.mintage.station.engine.SiteAddress;
import io.mintage.station.engine.SiteStatus.Phase;
import io.mintage.trust.ReportEvent;

/**
 * The operator's window without its widgets, on a real station: the production service from the
 * service registry, a station set up by the real commands, emulated STM32F103 chips fed one after
 * another on a pty. The views come through an executor standing in for the UI thread; the tests wait
 * for what a view must come to, never for a time.
 */
class StationModelTest {

	/** How long a state may take to come on a loaded machine; nothing is asserted about the time. */
	private static final Duration EVENTUALLY = Duration.ofSeconds(90);
	private static final String UI_THREAD = "station test UI thread";

	@TempDir
	Path work;

	private final ExecutorService ui = Executors.newSingleThreadExecutor(task -> new Thread(task, UI_THREAD));
	private final Set<String> listenerThreads = ConcurrentHashMap.newKeySet();
	private final List<StationModel> models = new ArrayList<>();
	private final List<AutoCloseable> fixtures = new ArrayList<>();

	@AfterEach
	void closeEverything() throws Exception {
		models.forEach(StationModel::close);
		for (AutoCloseable fixture : fixtures) {
			fixture.close();
		}
		ui.shutdownNow();
		assertTrue(ui.awaitTermination(10, TimeUnit.SECONDS));
	}

	@Test
	void startAllProgramsEveryFedChipAndTheViewsCountThemFromTheLedger() throws Exception {
		Station station = Station.withOneJob(work, 5);
		Path link = feed(3);
		sites(station, "site.1=stm32uart:" + link + "\n");
		StationModel model = model(station.folder());
		assertEquals(StationView.State.LOADING, model.view().state());
		model.load();

		StationView open = await(model, "the only job open", view -> view.open() && view.quota().isPresent());
		assertEquals(new QuotaStatus(5, 0), open.quota().get());
		assertEquals("Sensor 1.0.0", open.job().get().name());
		assertEquals(1, open.sites().size());
		assertEquals(Phase.IDLE, open.sites().get(0).status().phase());
		assertEquals(Optional.empty(), open.banner());
		assertTrue(open.canStartAll() && !open.canStopAll(), open.toString());

		model.startAll();
		StationView done = await(model, "three passed and the quota down by three",
				view -> view.shift().passed() == 3 && view.quota().get().left() == 2);
		assertEquals(new Tally(3, 0, 0), done.shift());
		assertEquals(new Tally(3, 0, 0), done.today());
		assertEquals(new Tally(3, 0, 0), done.total());
		assertEquals(List.of(3L, 2L, 1L), done.log().stream().filter(e -> e.type().equals(LedgerEventTypes.DEVICE_COMPLETED))
				.map(e -> e.serial().getAsLong()).toList(), "passed devices in the log, newest first");
		assertTrue(done.sites().get(0).wanted() && done.canStopAll(), done.toString());

		model.newShift();
		StationView newShift = await(model, "a new shift from zero", view -> view.shift().passed() == 0);
		assertEquals(3, newShift.total().passed());
		assertTrue(newShift.log().get(0).detail().startsWith("New shift from "), newShift.log().get(0).toString());

		model.stopAll();
		StationView stopped = await(model, "the site stopped", view -> !view.sites().get(0).running());
		assertEquals(Phase.STOPPED, stopped.sites().get(0).status().phase());
		assertFalse(stopped.sites().get(0).wanted());
		assertEquals(Set.of(UI_THREAD), listenerThreads, "views reach the listeners on the UI executor only");

		model.close();
		try (Ledger ledger = Ledger.openReadOnly(station.folder().resolve(Ledger.FILE_NAME))) {
			List<ReportEvent> last = ledger.latest(1);
			assertEquals(LedgerEventTypes.CHECKPOINT, last.get(0).type(), "closing the run writes its checkpoint");
			assertEquals(3, ledger.used(open.job().get().id()));
		}
	}

	@Test
	void whenTheQuotaRunsOutEverySiteStopsAndTheBannerSaysWhyInPlainWords() throws Exception {
		Station station = Station.withOneJob(work, 2);
		Path link = feed(3);
		sites(station, "site.1=stm32uart:" + link + "\nsite.2=stm32uart:" + work.resolve("no-fixture-here") + "\n");
		StationModel model = model(station.folder());
		model.load();
		await(model, "the job open", StationView::open);

		model.startAll();
		StationView stopped = await(model, "the job stopped with every site",
				view -> view.jobStopped().isPresent() && view.sites().stream().noneMatch(SiteView::running));
		String reason = "Quota used up: all 2 serials of job 'Sensor 1.0.0' are signed; ask the admin for a new job";
		assertEquals(Optional.of(reason), stopped.jobStopped());
		assertEquals(Optional.of("Production has stopped: " + reason), stopped.banner());
		assertEquals(new QuotaStatus(2, 2), stopped.quota().get());
		assertFalse(stopped.canProduce() || stopped.canStartAll());
		assertTrue(stopped.sites().stream().allMatch(site -> site.status().phase() == Phase.STOPPED && !site.wanted()));
		StationView counted = await(model, "the two passes counted", view -> view.shift().passed() == 2);
		assertTrue(counted.log().stream().anyMatch(e -> e.detail().equals("Production stopped: " + reason)),
				"the log notes why production stopped");

		model.start(1);
		assertFalse(model.view().sites().get(0).wanted(), "no site starts once the job has stopped");
	}

	@Test
	void autoStartStartsEverySiteWhenTheJobOpensAndStopStopsIt() throws Exception {
		Station station = Station.withOneJob(work, 5);
		Path nothing = work.resolve("no-fixture-here");
		sites(station, "site.1=stm32uart:" + nothing + "\nauto-start=true\n");
		StationModel model = model(station.folder());
		model.load();

		StationView waiting = await(model, "the site started by itself and waiting for a device",
				view -> view.open() && view.sites().get(0).running() && view.sites().get(0).status().phase() == Phase.WAITING);
		assertTrue(waiting.autoStart());
		assertEquals("Waiting for device", waiting.sites().get(0).status().headline());

		model.stop(1);
		StationView stopped = await(model, "the site stopped", view -> !view.sites().get(0).running());
		assertEquals(Phase.STOPPED, stopped.sites().get(0).status().phase());
		assertTrue(stopped.canStartAll());
	}

	@Test
	void aSiteWhoseProbeIsNotInstalledCannotRunAndSaysWhyWhileTheOthersRun() throws Exception {
		Station station = Station.withOneJob(work, 5);
		sites(station, "site.1=nosuch:/dev/ttyX\nsite.2=stm32uart:" + work.resolve("no-fixture-here") + "\n");
		StationModel model = model(station.folder());
		model.load();

		StationView open = await(model, "the job open", StationView::open);
		SiteView broken = open.sites().get(0);
		assertEquals(Optional.of("site nosuch:/dev/ttyX: no probe 'nosuch' is installed"), broken.problem());
		assertFalse(broken.canStart(true));
		assertEquals(1, open.sites().get(1).number(), "the engine numbers the sites it can run");

		model.startAll();
		StationView started = await(model, "the other site running", view -> view.sites().get(1).running());
		assertFalse(started.sites().get(0).wanted() || started.sites().get(0).running());
	}

	@Test
	void withSeveralJobsThatCanProduceTheOperatorChoosesOne() throws Exception {
		Station station = Station.withOneJob(work, 5);
		UUID second = station.acceptJob("second", "2.0.0", 10, 100);
		StationModel model = model(station.folder());
		model.load();

		StationView choose = await(model, "the choice", view -> view.state() == StationView.State.NO_RUN
				&& view.problem().isPresent());
		assertEquals(2, choose.jobs().size());
		assertEquals(Optional.of("Choose the job to produce."), choose.problem());
		assertFalse(choose.canStartAll());

		model.choose(second);
		StationView open = await(model, "the chosen job open", view -> view.open() && view.quota().isPresent());
		assertEquals(second, open.job().get().id());
		assertEquals(new QuotaStatus(10, 0), open.quota().get());
		assertEquals("Sensor 2.0.0", open.job().get().name());
	}

	@Test
	void usableJobsOfTwoFamiliesOpenTogetherAndEachCountsItsOwnQuota() throws Exception {
		Station station = Station.withOneJob(work, 5);
		UUID gateway = station.acceptJob("gateway", "stm32f4", "Gateway", "3.0.0", 4, 100);
		Path f1 = feed("stm32f1", "site-f1", 2, new byte[] { 0x11, 0x22, 0x33, 0x44, 0, 0, 0, 0, 0, 0, 0, 1 });
		Path f4 = feed("stm32f4", "site-f4", 3, new byte[] { 0x44, 0x33, 0x22, 0x11, 0, 0, 0, 0, 0, 0, 0, 1 });
		sites(station, "site.1=stm32uart:" + f1 + "\nsite.2=stm32uart:" + f4 + "\n");
		StationModel model = model(station.folder());
		model.load();

		StationView open = await(model, "both jobs open together",
				view -> view.open() && view.run().size() == 2 && view.run().stream().allMatch(j -> j.quota().isPresent()));
		assertTrue(open.together() && open.canRunTogether() && open.severalJobs(), open.toString());
		assertEquals(List.of("stm32f1", "stm32f4"), open.run().stream().map(j -> j.job().family()).sorted().toList());
		JobView gatewayJob = open.run().stream().filter(j -> j.job().id().equals(gateway)).findFirst().orElseThrow();
		assertEquals(new QuotaStatus(4, 0), gatewayJob.quota().get());
		assertEquals(Optional.empty(), open.banner());
		assertTrue(open.log().stream().anyMatch(e -> e.detail().contains("open together with 2 sites")), open.log().toString());

		model.startAll();
		StationView done = await(model, "two sensors and three gateways, each job's quota down by its own",
				view -> view.shift().passed() == 5 && quotaLeft(view, gateway) == 1
						&& view.run().stream().anyMatch(j -> j.quota().get().left() == 3));
		assertEquals(new Tally(5, 0, 0), done.total());
		StationView stillGoing = await(model, "nothing stopped: both jobs have serials left",
				view -> view.run().stream().allMatch(j -> j.stopped().isEmpty() && j.banner().isEmpty()));
		assertTrue(stillGoing.jobStopped().isEmpty());

		model.stopAll();
		await(model, "the sites stopped", view -> view.sites().stream().noneMatch(SiteView::running));
		model.choose(gateway);
		StationView one = await(model, "the run restricted to the gateway job",
				view -> view.open() && !view.together() && view.run().size() == 1 && view.quota().isPresent());
		assertEquals(gateway, one.job().get().id());
		assertEquals(new QuotaStatus(4, 3), one.quota().get());
		assertFalse(one.severalJobs());
	}

	private static long quotaLeft(StationView view, UUID job) {
		return view.run().stream().filter(j -> j.job().id().equals(job)).findFirst()
				.flatMap(JobView::quota).map(QuotaStatus::left).orElse(-1L);
	}

	@Test
	void aStationNotSetUpSaysWhatToDo() throws Exception {
		StationModel model = model(Files.createDirectories(work.resolve("new-station")));
		model.load();

		StationView view = await(model, "why it cannot produce", v -> v.problem().isPresent());
		assertEquals(StationView.State.NO_RUN, view.state());
		assertEquals(Optional.of("This station cannot produce yet: the station trusts no authority yet: run "
				+ "'mintage station install-cert'"), view.problem());
		assertFalse(view.canStartAll());
	}

	@Test
	void exportReportWritesTheSignedReportOfTheEventsSinceTheLastOne() throws Exception {
		Station station = Station.withOneJob(work, 5);
		StationModel model = model(station.folder());
		model.load();
		await(model, "the job open", StationView::open);

		Path file = work.resolve("week-47.mreport");
		long events = model.exportReport(file).get(EVENTUALLY.toSeconds(), TimeUnit.SECONDS);
		assertEquals(1, events, "the job's acceptance is the only event yet");
		assertTrue(Files.size(file) > 0);
		StationView view = await(model, "the note of it", v -> v.log().get(0).detail().startsWith("Production report"));
		assertEquals("Production report of 1 events written to " + file, view.log().get(0).detail());
		assertEquals(LogEntry.NOTE, view.log().get(0).type());
	}

	@Test
	void sitesAddedAndRemovedAreSavedAndARunningSiteIsNotRemoved() throws Exception {
		Station station = Station.withOneJob(work, 5);
		StationModel model = model(station.folder());
		model.load();
		assertTrue(await(model, "the job open", StationView::open).sites().isEmpty());

		SiteAddress site = SiteAddress.parse("stm32uart:" + work.resolve("no-fixture-here") + "?baud=57600");
		model.addSite(site);
		Path file = station.folder().resolve(SiteList.FILE_NAME);
		awaitFile(file, text -> text.contains("site.1=" + site + "\n"));
		assertThrows(IllegalArgumentException.class, () -> model.addSite(site));

		model.start(1);
		await(model, "the added site running", view -> view.sites().get(0).running());
		IllegalStateException refused = assertThrows(IllegalStateException.class, () -> model.removeSite(site));
		assertEquals("site 1 (" + site + ") still runs: stop it first", refused.getMessage());
		model.stop(1);
		await(model, "the site stopped", view -> !view.sites().get(0).running());
		model.removeSite(site);
		await(model, "no tile", view -> view.sites().isEmpty());
		awaitFile(file, text -> !text.contains("\nsite."));
		assertEquals(List.of(), SiteList.load(station.folder(), Optional.empty()).sites());
	}

	@Test
	void theLogKeepsTheNewestLinesOnly() throws Exception {
		Station station = Station.withOneJob(work, 5);
		StationModel model = model(station.folder());
		model.load();
		await(model, "the job open", StationView::open);

		for (int i = 0; i < StationModel.LOG_LIMIT + 50; i++) {
			model.newShift();
		}
		StationView view = await(model, "a full log", v -> v.log().size() == StationModel.LOG_LIMIT
				&& v.log().stream().allMatch(e -> e.type().equals(LogEntry.NOTE)));
		assertTrue(view.log().stream().allMatch(e -> e.detail().startsWith("New shift")), "the older lines are gone");
	}

	// --- helpers

	private StationModel model(Path stationFolder) throws Exception {
		StationModel model = new StationModel(Station.service(Production.class, null), stationFolder, Optional.empty(),
				ui, Clock.systemDefaultZone(), new ProductionEngine.Options(Duration.ofMillis(50), 2, 256));
		model.addListener(view -> listenerThreads.add(Thread.currentThread().getName()));
		models.add(model);
		return model;
	}

	/** Blank STM32F103 chips one after another on a pty; the link the station opens. */
	private Path feed(int chips) throws Exception {
		return feed("stm32f1", "site1", chips, null);
	}

	/** Blank chips of an STM32 family one after another on a pty, UIDs from {@code firstUid} (or the default). */
	private Path feed(String family, String name, int chips, byte[] firstUid) throws Exception {
		Path link = work.resolve(name);
		Stm32EmulatorFactory factory = new Stm32EmulatorFactory();
		FeedPlan plan = FeedPlan.of(family).withCount(chips);
		ChipFeeder feeder = ChipFeeder.onPty(factory, firstUid == null ? plan : plan.withFirstUid(firstUid), link,
				Station.service(SerialPorts.class, null), HostOptions.of(factory.wire(115200)), ChipFeeder.Events.NONE);
		fixtures.add(feeder);
		return link;
	}

	private static void sites(Station station, String lines) throws Exception {
		Files.writeString(station.folder().resolve(SiteList.FILE_NAME), lines, StandardCharsets.UTF_8);
	}

	private static StationView await(StationModel model, String what, Predicate<StationView> wanted)
			throws InterruptedException {
		long until = System.nanoTime() + EVENTUALLY.toNanos();
		while (System.nanoTime() < until) {
			StationView view = model.view();
			if (wanted.test(view)) {
				return view;
			}
			Thread.sleep(20);
		}
		fail("the view never came to " + what + "; last: " + model.view());
		return null;
	}

	private static void awaitFile(Path file, Predicate<String> wanted) throws Exception {
		long until = System.nanoTime() + EVENTUALLY.toNanos();
		String text = "";
		while (System.nanoTime() < until) {
			text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
			if (wanted.test(text)) {
				return;
			}
			Thread.sleep(20);
		}
		fail(file + " never came to what was expected; it holds:\n" + text);
	}
}
