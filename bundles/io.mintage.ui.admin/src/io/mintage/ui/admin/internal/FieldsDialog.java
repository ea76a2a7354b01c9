package io.mintage.ui.admin.internal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * What the admin window's dialogs for one command have in common: a title and a message over a grid of
 * labelled fields (two columns), the command's button and Cancel, and the first problem of the fields
 * shown in place of the message, the command's button off until there is none. A failure of the command
 * started is shown under the dialog's name. JFace builds a dialog through the methods a subclass
 * overrides, so this is a base class; each dialog adds its fields, their problem and its command.
 */
abstract class FieldsDialog extends TitleAreaDialog {

	private final String name;
	private final String title;
	private final String message;
	private final String command;
	private final boolean commandOnEnter;

	/**
	 * @param name           the window's title, also the title of a failure's message
	 * @param command        the label of the command's button, with its mnemonic ({@code &Add})
	 * @param commandOnEnter whether Enter presses it; otherwise Enter is Cancel (for what cannot be undone)
	 */
	FieldsDialog(Shell parent, String name, String title, String message, String command, boolean commandOnEnter) {
		super(parent);
		this.name = name;
		this.title = title;
		this.message = message;
		this.command = command;
		this.commandOnEnter = commandOnEnter;
	}

	/** Makes the labelled fields in {@code fields}, a grid of two columns. */
	protected abstract void createFields(Composite fields);

	/** What keeps the command from running, in words; none when the fields are complete. */
	protected abstract Optional<String> problem();

	@Override
	protected final void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(name);
	}

	@Override
	protected final Control createDialogArea(Composite parent) {
		setTitle(title);
		setMessage(message);
		Composite area = (Composite) super.createDialogArea(parent);
		Composite fields = new Composite(area, SWT.NONE);
		fields.setLayout(Fields.grid(2));
		fields.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		createFields(fields);
		return area;
	}

	@Override
	protected final void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, command, commandOnEnter);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, !commandOnEnter);
		check();
	}

	/** The fields are checked again whenever one of {@code texts} changes. */
	protected final void checkWhenChanged(Text... texts) {
		for (Text text : texts) {
			text.addListener(SWT.Modify, event -> check());
		}
	}

	/**
	 * Shows the fields' problem and lets the command run only without one. Before the buttons are made
	 * there is nothing to do: fields made later may be missing still.
	 */
	protected final void check() {
		Button run = getButton(IDialogConstants.OK_ID);
		if (run == null) {
			return;
		}
		Optional<String> problem = problem();
		setErrorMessage(problem.orElse(null));
		run.setEnabled(problem.isEmpty());
	}

	/** The command is started; should it fail, the admin is told in a message under the dialog's name. */
	protected final void started(CompletableFuture<?> running) {
		Outcome.reportFailure(getParentShell(), name, running);
	}
}
