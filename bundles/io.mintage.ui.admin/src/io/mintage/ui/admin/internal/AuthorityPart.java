package io.mintage.ui.admin.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.mintage.admin.AuthorityInfo;
import io.mintage.admin.Station;
import io.mintage.ui.ShownState;
import io.mintage.ui.admin.model.AdminModel;
import io.mintage.ui.admin.model.AdminView;
import io.mintage.ui.admin.model.Texts;

/**
 * The company's authority: whether there is one, its name, the SHA-256 fingerprint stations compare,
 * how long it is valid, where its key is (key store file or token; never a secret); the key ceremony or
 * an import when there is none; the exports others need to trust it (the firmware's C header, the CA
 * certificate for stations).
 */
public final class AuthorityPart implements ShownState {

	private final AdminModel model;
	private Composite content;
	private Label heading;
	private Label explanation;
	private Text subject;
	private Text fingerprint;
	private Text validUntil;
	private Text key;
	private Text created;
	private Button create;
	private Button importExisting;
	private Button header;
	private Button certificate;

	@Inject
	public AuthorityPart(AdminModel model) {
		this.model = model;
	}

	@PostConstruct
	public void create(Composite parent) {
		content = parent;
		parent.setLayout(Fields.grid(2));
		heading = Fields.heading(parent, 2);
		explanation = Fields.words(parent, 2, "");
		subject = Fields.value(parent, "Subject:");
		fingerprint = Fields.value(parent, "SHA-256 fingerprint:");
		validUntil = Fields.value(parent, "Valid until:");
		key = Fields.value(parent, "Key:");
		created = Fields.value(parent, "Created:");
		Composite buttons = Fields.buttonRow(parent, 2);
		create = Fields.button(buttons, "&Create authority…", () -> AuthorityActions.create(parent.getShell(), model));
		importExisting = Fields.button(buttons, "Import e&xisting…",
				() -> AuthorityActions.importExisting(parent.getShell(), model));
		header = Fields.button(buttons, "Export firmware &header…",
				() -> AuthorityActions.exportHeader(parent.getShell(), model));
		certificate = Fields.button(buttons, "Export CA cer&tificate…",
				() -> AuthorityActions.exportCertificate(parent.getShell(), model));
		ModelFollower.follow(model, parent, this::show);
	}

	/** The keyboard goes to the view's main control when the view is activated (Ctrl+1 … Ctrl+6). */
	@Focus
	public void focus() {
		fingerprint.setFocus();
	}

	private void show(AdminView view) {
		boolean present = view.authority().isPresent();
		if (view.state() == AdminView.State.LOADING) {
			heading.setText("Reading the admin database…");
			explanation.setText("");
		} else if (view.state() == AdminView.State.FAILED) {
			heading.setText("The admin database cannot be read");
			explanation.setText(view.problem().orElse(""));
		} else if (present) {
			AuthorityInfo authority = view.authority().get();
			heading.setText("Authority '" + Station.commonName(authority.subject()) + "'");
			explanation.setText("Stations compare this fingerprint when they install their certificate; the firmware"
					+ " header carries its public key.");
		} else {
			heading.setText("No authority yet");
			explanation.setText("The authority signs every station certificate, quota and job the company issues, and"
					+ " the firmware trusts only its key. Create one (the key ceremony) or import an existing one.");
		}
		AuthorityInfo authority = view.authority().orElse(null);
		subject.setText(authority == null ? "" : authority.subject());
		fingerprint.setText(authority == null ? "" : authority.fingerprint());
		validUntil.setText(authority == null ? "" : Texts.ends(authority.notAfter(), view.at()));
		key.setText(authority == null ? "" : authority.keyLocation());
		created.setText(authority == null ? "" : Texts.time(authority.createdAt()) + " UTC");
		// before the ceremony there is nothing to export; after it, never a second authority
		boolean ready = view.state() == AdminView.State.READY;
		Fields.shownInRow(create, !present);
		Fields.shownInRow(importExisting, !present);
		create.setEnabled(ready);
		importExisting.setEnabled(ready);
		Fields.shownInRow(header, present);
		Fields.shownInRow(certificate, present);
		content.layout(true, true);
	}


	@Override
	public Map<String, String> shownState() {
		Map<String, String> state = new LinkedHashMap<>();
		state.put("authority.heading", heading.getText());
		state.put("authority.subject", subject.getText());
		state.put("authority.fingerprint", fingerprint.getText());
		state.put("authority.validUntil", validUntil.getText());
		state.put("authority.key", key.getText());
		return state;
	}
}
