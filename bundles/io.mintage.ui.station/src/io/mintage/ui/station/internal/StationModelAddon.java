package io.mintage.ui.station.internal;

import java.nio.file.Path;
import java.time.Clock;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.event.Event;

import io.mintage.station.engine.ProductionEngine;
import io.mintage.ui.station.model.SiteList;
import io.mintage.ui.station.model.StationModel;

/**
 * Makes the window's {@link StationModel} before the parts are rendered and puts it into the
 * application context, where the parts and handlers find it; starts reading the station's jobs and
 * sites; ends the run when the workbench shuts down. The station's state folder is the launcher's
 * {@code -Dmintage.state} ({@code $MINTAGE_HOME/station}), as for the headless commands.
 */
public final class StationModelAddon {

	private TrackedProduction production;
	private StationModel model;

	@PostConstruct
	public void create(IEclipseContext context, UISynchronize ui) {
		production = new TrackedProduction(FrameworkUtil.getBundle(getClass()).getBundleContext());
		model = new StationModel(production, stationFolder(),
				java.util.Optional.ofNullable(System.getProperty(SiteList.SITES_PROPERTY)), ui::asyncExec,
				Clock.systemDefaultZone(), ProductionEngine.Options.defaults());
		context.set(StationModel.class, model);
		model.load();
	}

	@Inject
	@Optional
	public void shuttingDown(@UIEventTopic(UIEvents.UILifeCycle.APP_SHUTDOWN_STARTED) Event event) {
		close();
	}

	@PreDestroy
	public void close() {
		if (model != null) {
			model.close();
			production.close();
		}
	}

	/** Where the launcher keeps the station's state; the launcher's default when run another way. */
	static Path stationFolder() {
		String given = System.getProperty("mintage.state");
		if (given != null && !given.isBlank()) {
			return Path.of(given).toAbsolutePath();
		}
		return Path.of(System.getProperty("user.home"), ".mintage", "station");
	}
}
