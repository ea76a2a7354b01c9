package io.mintage.ui.admin.internal;

import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

/**
 * The file dialogs of the admin window: the folder chosen last is offered next (request files and job
 * files tend to live together), the suggested name is the one the matching command writes by default.
 */
final class FileChoice {

	private static Path lastFolder;

	private FileChoice() {
	}

	/** A file to read; {@code filter} such as {@code "*.csr"} with its name for people. */
	static Optional<Path> open(Shell shell, String title, String filter, String filterName) {
		FileDialog dialog = new FileDialog(shell, SWT.OPEN);
		dialog.setText(title);
		dialog.setFilterExtensions(new String[] { filter, "*" });
		dialog.setFilterNames(new String[] { filterName, "All files" });
		if (lastFolder != null) {
			dialog.setFilterPath(lastFolder.toString());
		}
		return remembered(dialog.open());
	}

	/** A file to write, {@code suggested} as its name; replacing one is confirmed by the dialog. */
	static Optional<Path> save(Shell shell, String title, String suggested, String filter, String filterName) {
		FileDialog dialog = new FileDialog(shell, SWT.SAVE);
		dialog.setText(title);
		dialog.setFilterExtensions(new String[] { filter, "*" });
		dialog.setFilterNames(new String[] { filterName, "All files" });
		dialog.setFileName(suggested);
		dialog.setOverwrite(true);
		if (lastFolder != null) {
			dialog.setFilterPath(lastFolder.toString());
		}
		return remembered(dialog.open());
	}

	/** The folder of the last file chosen, to suggest a path in a text field. */
	static Path folder() {
		return lastFolder != null ? lastFolder : Path.of(System.getProperty("user.home"));
	}

	private static Optional<Path> remembered(String chosen) {
		if (chosen == null) {
			return Optional.empty();
		}
		Path path = Path.of(chosen).toAbsolutePath();
		lastFolder = path.getParent();
		return Optional.of(path);
	}
}
