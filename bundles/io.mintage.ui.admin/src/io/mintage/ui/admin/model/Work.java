package io.mintage.ui.admin.model;

import java.util.Objects;

/**
 * The long work running now, as a progress bar shows it: the action's name, the step it is at and how
 * far it is ({@code total} 0: not known).
 */
public record Work(String name, String task, long done, long total) {

	public Work {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(task, "task");
	}

	/** Done as a part of 1000, or -1 when the total is not known. */
	public int permille() {
		if (total <= 0) {
			return -1;
		}
		return (int) Math.min(1000, Math.max(0, done * 1000 / total));
	}
}
