package io.mintage.cli.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import io.mintage.core.command.Command;

/**
 * The commands one product offers right now, looked up in the OSGi service registry by their
 * {@link Command#PRODUCT} and {@link Command#NAME} properties. Releases what it got when closed.
 */
final class CommandRegistry implements AutoCloseable {

	private final BundleContext context;
	private final String product;
	private final List<ServiceReference<Command>> obtained = new ArrayList<>();

	CommandRegistry(BundleContext context, String product) {
		this.context = context;
		this.product = product;
	}

	/** Command name → one-line summary, sorted by name. */
	SortedMap<String, String> summaries() {
		SortedMap<String, String> result = new TreeMap<>();
		for (ServiceReference<Command> reference : references(null)) {
			String name = String.valueOf(reference.getProperty(Command.NAME));
			get(reference).ifPresent(command -> result.putIfAbsent(name, command.summary()));
		}
		return result;
	}

	Optional<Command> find(String name) {
		return references(name).stream().findFirst().flatMap(this::get);
	}

	private Collection<ServiceReference<Command>> references(String name) {
		String filter = "(" + Command.PRODUCT + "=" + product + ")";
		if (name != null) {
			filter = "(&" + filter + "(" + Command.NAME + "=" + escape(name) + "))";
		}
		try {
			// sorted by service ranking, highest first, so a bundle can override a command deliberately
			List<ServiceReference<Command>> found = new ArrayList<>(context.getServiceReferences(Command.class, filter));
			found.sort((a, b) -> b.compareTo(a));
			return found;
		} catch (InvalidSyntaxException e) {
			throw new IllegalStateException("filter built from escaped input cannot be invalid: " + filter, e);
		}
	}

	private Optional<Command> get(ServiceReference<Command> reference) {
		Command command = context.getService(reference);
		if (command != null) {
			obtained.add(reference);
		}
		return Optional.ofNullable(command);
	}

	private static String escape(String value) {
		StringBuilder escaped = new StringBuilder();
		for (char c : value.toCharArray()) {
			if (c == '\\' || c == '(' || c == ')' || c == '*') {
				escaped.append('\\');
			}
			escaped.append(c);
		}
		return escaped.toString();
	}

	@Override
	public void close() {
		obtained.forEach(context::ungetService);
		obtained.clear();
	}
}
