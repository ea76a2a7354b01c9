package io.mintage.ui.admin.internal;

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

import io.mintage.ui.admin.model.AdminModel;

/**
 * Makes the window's {@link AdminModel} and the {@link Selections} before the parts are rendered and
 * puts them into the application context, where the parts and handlers find them; starts reading the
 * admin database; stops what runs when the workbench shuts down. The admin folder is the launcher's
 * {@code -Dmintage.state} ({@code $MINTAGE_HOME/admin}), as for the headless commands.
 */
public final class AdminModelAddon {

	private TrackedServices services;
	private AdminModel model;

	@PostConstruct
	public void create(IEclipseContext context, UISynchronize ui) {
		services = new TrackedServices(FrameworkUtil.getBundle(getClass()).getBundleContext());
		model = new AdminModel(services, adminFolder(), ui::asyncExec, Clock.systemUTC());
		context.set(AdminModel.class, model);
		context.set(Selections.class, new Selections());
		model.refresh();
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
			services.close();
		}
	}

	/** Where the launcher keeps the admin's state; the launcher's default when run another way. */
	static Path adminFolder() {
		String given = System.getProperty("mintage.state");
		if (given != null && !given.isBlank()) {
			return Path.of(given).toAbsolutePath();
		}
		return Path.of(System.getProperty("user.home"), ".mintage", "admin");
	}
}
