package io.mintage.ui.admin.internal;

import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.mintage.ui.admin.model.KeyLocationForm;

/**
 * Where the authority's key is and where its secret comes from, as fields: software key store (a
 * file) or PKCS#11 token (library and label), the key's alias, and an environment variable or a
 * private file for the passphrase or PIN. Every change goes into the {@link KeyLocationForm} and calls
 * {@code changed}.
 */
final class KeyLocationFields {

	/** The variable the guide and the examples use. */
	static final String DEFAULT_VARIABLE = "MINTAGE_AUTHORITY_PASS";

	private final KeyLocationForm form;
	private final Runnable changed;
	private Button software;
	private Button token;
	private Text keystore;
	private Button keystoreBrowse;
	private Text module;
	private Button moduleBrowse;
	private Text label;
	private Text alias;
	private Button environment;
	private Button file;
	private Text variable;
	private Text secretFile;
	private Button secretBrowse;

	KeyLocationFields(KeyLocationForm form, Runnable changed) {
		this.form = form;
		this.changed = changed;
	}

	/** Two groups across the two columns of {@code parent}. */
	void create(Composite parent, Path defaultKeystore, boolean askAlias) {
		Group where = group(parent, "Where the key is");
		software = radio(where, "&Software key store (an encrypted PKCS#12 file)");
		keystore = path(where, "Key store &file:", defaultKeystore.toString());
		keystoreBrowse = browse(where, keystore, false);
		token = radio(where, "PKCS#11 &token (HSM or smart card)");
		module = path(where, "&Library:", "");
		moduleBrowse = browse(where, module, true);
		// not "&label": Alt+L is the library's
		new Label(where, SWT.NONE).setText("T&oken label:");
		label = new Text(where, SWT.BORDER);
		label.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
		if (askAlias) {
			new Label(where, SWT.NONE).setText("Key &alias:");
			alias = new Text(where, SWT.BORDER);
			alias.setText(io.mintage.admin.Authority.ALIAS);
			alias.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
		}
		software.setSelection(true);

		Group secret = group(parent, "Where later signings read the passphrase or PIN");
		environment = radio(secret, "&Environment variable (set when Mintage Admin starts)");
		new Label(secret, SWT.NONE).setText("Varia&ble:");
		variable = new Text(secret, SWT.BORDER);
		variable.setText(DEFAULT_VARIABLE);
		variable.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
		file = radio(secret, "Private file, readable by you only (chmod 600)");
		new Label(secret, SWT.NONE).setText("File:");
		secretFile = new Text(secret, SWT.BORDER);
		secretFile.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		secretBrowse = browse(secret, secretFile, true);
		environment.setSelection(true);
		Label never = new Label(secret, SWT.WRAP);
		never.setText("Mintage never writes the secret into any file; the key location it keeps says where the secret"
				+ " comes from, never the secret.");
		GridData neverData = new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1);
		neverData.widthHint = Fields.TEXT_WIDTH;
		never.setLayoutData(neverData);

		for (Text text : new Text[] { keystore, module, label, variable, secretFile }) {
			text.addListener(SWT.Modify, event -> update());
		}
		if (alias != null) {
			alias.addListener(SWT.Modify, event -> update());
		}
		for (Button button : new Button[] { software, token, environment, file }) {
			button.addListener(SWT.Selection, event -> update());
		}
		update();
	}

	private void update() {
		boolean soft = software.getSelection();
		keystore.setEnabled(soft);
		keystoreBrowse.setEnabled(soft);
		module.setEnabled(!soft);
		moduleBrowse.setEnabled(!soft);
		label.setEnabled(!soft);
		boolean env = environment.getSelection();
		variable.setEnabled(env);
		secretFile.setEnabled(!env);
		secretBrowse.setEnabled(!env);
		form.store(soft ? KeyLocationForm.Store.SOFTWARE : KeyLocationForm.Store.TOKEN);
		form.keystore(keystore.getText());
		form.token(module.getText(), label.getText());
		if (alias != null) {
			form.alias(alias.getText());
		}
		form.secret(env ? KeyLocationForm.Secret.ENVIRONMENT : KeyLocationForm.Secret.FILE,
				env ? variable.getText() : secretFile.getText());
		changed.run();
	}

	private static Group group(Composite parent, String title) {
		Group group = new Group(parent, SWT.NONE);
		group.setText(title);
		group.setLayout(new GridLayout(3, false));
		group.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
		return group;
	}

	private static Button radio(Composite parent, String text) {
		Button radio = new Button(parent, SWT.RADIO);
		radio.setText(text);
		radio.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
		return radio;
	}

	private static Text path(Composite parent, String label, String initial) {
		new Label(parent, SWT.NONE).setText(label);
		Text text = new Text(parent, SWT.BORDER);
		text.setText(initial);
		GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
		data.widthHint = 320;
		text.setLayoutData(data);
		return text;
	}

	private static Button browse(Composite parent, Text field, boolean open) {
		Button browse = new Button(parent, SWT.PUSH);
		browse.setText("Browse…");
		browse.addListener(SWT.Selection, event -> {
			FileDialog dialog = new FileDialog(field.getShell(), open ? SWT.OPEN : SWT.SAVE);
			if (!field.getText().isBlank()) {
				Path current = Path.of(field.getText().strip());
				if (current.getParent() != null) {
					dialog.setFilterPath(current.getParent().toString());
				}
				dialog.setFileName(current.getFileName() == null ? "" : current.getFileName().toString());
			}
			String chosen = dialog.open();
			if (chosen != null) {
				field.setText(chosen);
			}
		});
		return browse;
	}
}
