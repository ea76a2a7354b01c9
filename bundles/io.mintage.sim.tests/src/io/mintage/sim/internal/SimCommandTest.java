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
	void feedsChipsOneAfterAnotherAndReportsEach() throws Exception {
		Command sim = sim();
		Path link = folder.resolve("site1");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		CommandContext context = CommandContext.of(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), folder, folder);
		AtomicInteger exit = new AtomicInteger(-1);
		Thread runner = new Thread(() -> {
			try {
				exit.set(sim.run(context, List.of("stm32f1", "--link", link.toString(), "--feed", "2", "--swap-ms", "50",
						"--uid", "00112233445566778899aaff", "--flash-time", "0.01")));
			} catch (CommandException e) {
				exit.set(100 + e.exitCode());
			}
		});
		runner.start();
		try {
			awaitLine(out, "chip 1 fed: UID 00112233445566778899aaff");
			for (int chip = 1; chip <= 2; chip++) {
				Process stm32flash = new ProcessBuilder("stm32flash", "-m", "8n1", "-b", "115200", "-g", "0x08000000",
						link.toString()).redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
				String output = new String(stm32flash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				assertTrue(stm32flash.waitFor(30, TimeUnit.SECONDS));
				assertEquals(0, stm32flash.exitValue(), output);
				awaitLine(out, "chip " + chip + " done: left the bootloader (Go 0x08000000 accepted)");
				if (chip == 1) {
					awaitLine(out, "chip 2 fed: UID 00112233445566778899ab00");
				}
			}
			awaitLine(out, "no more chips after 2: the line stays silent until Ctrl-C");
		} finally {
			runner.interrupt();
			runner.join(5_000);
		}
		assertEquals(Command.OK, exit.get());
		String text = out.toString(StandardCharsets.UTF_8);
		assertTrue(text.startsWith("feeding chips at " + link + ", one after another: STM32F103xB (medium density)"),
				text);
		assertFalse(text.contains("chip 3"), text);
		assertFalse(Files.exists(link), "the link is removed when the feeder stops");
	}

	/** Waits up to 10 s for a whole line of the command's output. */
	private static void awaitLine(ByteArrayOutputStream out, String line) throws InterruptedException {
		for (int i = 0; i < 1000; i++) {
			if (out.toString(StandardCharsets.UTF_8).lines().anyMatch(line::equals)) {
				return;
			}
			Thread.sleep(10);
		}
		throw new AssertionError("no line '" + line + "' in:\n" + out.toString(StandardCharsets.UTF_8));
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
		CommandException swap = assertThrows(CommandException.class,
				() -> sim.run(context, List.of("stm32f1", "--link", "x", "--swap-ms", "100")));
		assertTrue(swap.getMessage().contains("goes with --feed"), swap.getMessage());
		CommandException none = assertThrows(CommandException.class,
				() -> sim.run(context, List.of("stm32f1", "--link", "x", "--feed", "0")));
		assertTrue(none.getMessage().contains("--feed 0 is outside 1.."), none.getMessage());
		CommandException feedUid = assertThrows(CommandException.class,
				() -> sim.run(context, List.of("stm32f1", "--feed", "--link", "x", "--uid", "0011")));
		assertTrue(feedUid.getMessage().contains("12 bytes"), "the first fed chip's UID is checked too: "
				+ feedUid.getMessage());
		CommandException faultsOf = assertThrows(CommandException.class,
				() -> sim.run(context, List.of("stm32f1", "--link", "x", "--faults-of", "2=pull@100")));
		assertTrue(faultsOf.getMessage().contains("goes with --feed"), faultsOf.getMessage());
		CommandException faultsOfChip = assertThrows(CommandException.class,
				() -> sim.run(context, List.of("stm32f1", "--feed", "--link", "x", "--faults-of", "pull@100")));
		assertTrue(faultsOfChip.getMessage().contains("expects CHIP=SPEC"), faultsOfChip.getMessage());
		CommandException beyond = assertThrows(CommandException.class, () -> sim.run(context,
				List.of("stm32f1", "--feed", "3", "--link", "x", "--faults-of", "4=pull@100")));
		assertTrue(beyond.getMessage().contains("--faults-of 4 is outside 1..3"), beyond.getMessage());
	}
}
