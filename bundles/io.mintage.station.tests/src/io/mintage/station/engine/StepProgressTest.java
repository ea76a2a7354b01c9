package io.mintage.station.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How a device's percentage is shown as its steps report their work. */
class StepProgressTest {

	@Test
	void aStepThatStartsWhereTheLastOneEndedIsShownAllTheSame() {
		List<Integer> shown = new ArrayList<>();
		StepProgress progress = new StepProgress(shown::add, () -> false);
		progress.slice(90, 95);
		progress.begin("verify", 10);
		progress.worked(10);
		// protect starts at 95, where verify ended: the site must show the new step
		progress.slice(95, 99);
		progress.slice(99, 100);
		assertEquals(List.of(90, 95, 95, 99), shown);
	}

	@Test
	void workWithinAStepIsShownOnlyWhenThePercentageChanges() {
		List<Integer> shown = new ArrayList<>();
		StepProgress progress = new StepProgress(shown::add, () -> false);
		progress.slice(20, 30);
		progress.begin("program", 1000);
		for (int i = 0; i < 10; i++) {
			progress.worked(50);
		}
		assertEquals(List.of(20, 21, 22, 23, 24, 25), shown);
	}
}
