package io.mintage.core.command;

import java.util.List;

/**
 * One headless command of a product, e.g. {@code mintage station image-info}. Bundles contribute
 * commands as OSGi services; the product's command-line application finds them by the two service
 * properties below, so adding a command never means editing a list somewhere else.
 */
public interface Command {

	/** Service property: the word the user types, e.g. {@code image-info}. */
	String NAME = "mintage.command.name";

	/** Service property: the product(s) offering the command, {@code station} and/or {@code admin}. */
	String PRODUCT = "mintage.command.product";

	/** Exit code of a command that did what was asked. */
	int OK = 0;

	/** One line for the command list shown by {@code --help}. */
	String summary();

	/** Full usage text shown by {@code <command> --help}: synopsis, options, an example. */
	String usage();

	/**
	 * Runs the command.
	 *
	 * @return the process exit code, {@link #OK} on success
	 * @throws CommandException with a plain-words message when the command cannot do what was asked
	 */
	int run(CommandContext context, List<String> arguments) throws CommandException;
}
