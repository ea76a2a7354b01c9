package io.mintage.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;

/** The station's {@code sim} command, found as the product finds it, serving stm32flash until stopped. */
class SimCommandTest {

	@TempDir
	Path folder;

	private Command sim() throws Exception {
		BundleContext context = FrameworkUtil.getBundle(SimCommandTest.class).getBundleContext();
		ServiceTracker<Command, Command> tracker = new ServiceTracker<>(context,
				context.createFilter("(&(objectClass=" + Command.class.getName() + ")(" + Command.NAME + "=sim)("
						+ Command.PRODUCT + "=station))"), null);
		tracker.open();
		Command command = tracker.waitForService(5_000);
		assertNotNull(command, "no 'sim' command for the station");
		ServiceReference<Command> reference = tracker.getServiceReference();
		assertEquals("sim", reference.getProperty(Command.NAME));
		return command;
	}

	@Test
	void servesAnEmulatedChipAtTheLinkUntilStopped() throws Exception {
		Command sim = sim();
		Path link = folder.resolve("chip1");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		CommandContext context = CommandContext.of(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), folder, folder);
		AtomicInteger exit = new AtomicInteger(-1);
		Thread runner = new Thread(() -> {
			try {
				exit.set(sim.run(context, List.of("stm32f4:f411xe", "--link", link.toString(), "--uid",
						"00112233445566778899aabb", "--baud", "921600", "--faults", "drop@100000")));
			} catch (CommandException e) {
				exit.set(100 + e.exitCode());
			}
		});
		runner.start();
		for (int i = 0; i < 500 && !Files.exists(link); i++) {
			Thread.sleep(10);
		}
		assertTrue(Files.exists(link), "no link after 5 s");
		Process stm32flash = new ProcessBuilder("stm32flash", "-m", "8n1", "-b", "115200", link.toString())
				.redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
		String output = new String(stm32flash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(stm32flash.waitFor(30, TimeUnit.SECONDS));
		assertEquals(0, stm32flash.exitValue(), output);
		assertTrue(output.contains("0x0431"), output);
		runner.interrupt();
		runner.join(5_000);
		assertEquals(Command.OK, exit.get());
		assertFalse(Files.exists(link), "the link is removed when the emulator stops");
		assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("emulating STM32F411xE (PID 0x431)"), out.toString());
	}

	@Test
	void wrongWordsAreUsageErrors() throws Exception {
		Command sim = sim();
		CommandContext context = CommandContext.of(System.out, System.err, folder, folder);
		CommandException unknown = assertThrows(CommandException.class,
				() -> sim.run(context, List.of("stm32f9", "--link", "x")));
		assertTrue(unknown.getMessage().contains("no emulator for 'stm32f9'"), unknown.getMessage());
		CommandException variant = assertThrows(CommandException.class,
				() -> sim.run(context, List.of("stm32f1:f103x9", "--link", "x")));
		assertTrue(variant.getMessage().contains("known: stm32f0:f030x8"), variant.getMessage());
		CommandException faults = assertThrows(CommandException.class,
				() -> sim.run(context, List.of("stm32f1", "--link", "x", "--faults", "flip@3")));
		assertTrue(faults.getMessage().contains("'flip@3'"), faults.getMessage());
		CommandException uid = assertThrows(CommandException.class,
				() -> sim.run(context, List.of("stm32f1", "--link", "x", "--uid", "0011")));
		assertTrue(uid.getMessage().contains("12 bytes"), uid.getMessage());
	}
}
