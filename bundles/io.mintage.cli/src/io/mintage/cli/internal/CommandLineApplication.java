package io.mintage.cli.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * The Equinox application behind {@code mintage station …} and {@code mintage admin …}. The plugin.xml
 * declares it twice with a {@code product} parameter; everything else is {@link CommandDispatcher}.
 */
public final class CommandLineApplication implements IApplication, IExecutableExtension {

	private String product = "station";

	@Override
	public void setInitializationData(IConfigurationElement config, String propertyName, Object data) {
		if (data instanceof Map<?, ?> parameters && parameters.get("product") instanceof String name) {
			product = name;
		}
	}

	@Override
	public Object start(IApplicationContext context) {
		context.applicationRunning();
		String[] arguments = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
		BundleContext bundles = FrameworkUtil.getBundle(getClass()).getBundleContext();
		try (CommandRegistry registry = new CommandRegistry(bundles, product)) {
			CommandDispatcher dispatcher = new CommandDispatcher(product, registry, System.out, System.err,
					Path.of("").toAbsolutePath(), stateDirectory(), bundles.getBundle().getVersion().toString());
			List<String> words = arguments == null ? List.of() : Arrays.asList(arguments);
			int exitCode = dispatcher.dispatch(words);
			System.out.flush();
			System.err.flush();
			return Integer.valueOf(exitCode);
		}
	}

	/**
	 * The launcher passes {@code -Dmintage.state=$MINTAGE_HOME/<product>}; run another way (a test
	 * runtime, an IDE) the default is the launcher's: {@code ~/.mintage/<product>}.
	 */
	private Path stateDirectory() {
		String given = System.getProperty("mintage.state");
		if (given != null && !given.isBlank()) {
			return Path.of(given).toAbsolutePath();
		}
		return Path.of(System.getProperty("user.home"), ".mintage", product);
	}

	@Override
	public void stop() {
		// commands finish on their own; nothing to interrupt
	}
}
