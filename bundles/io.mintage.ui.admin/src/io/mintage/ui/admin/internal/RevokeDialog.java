package io.mintage.ui.admin.internal;

import java.util.List;
import java.util.Optional;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

import io.mintage.admin.Station;
import io.mintage.trust.RevocationList;
import io.mintage.ui.admin.model.AdminModel;

/**
 * Revokes a station ({@code admin revoke}): which one (the one selected in Stations first) and why, in
 * the RFC 5280 reason names the revocation list carries. It cannot be undone; the dialog says so.
 */
final class RevokeDialog extends TitleAreaDialog {

	private final AdminModel model;
	private final Optional<String> preselected;
	private List<Station> stations;
	private Combo station;
	private Combo reason;

	private RevokeDialog(Shell parent, AdminModel model, Optional<String> preselected) {
		super(parent);
		this.model = model;
		this.preselected = preselected;
	}

	static void open(Shell parent, AdminModel model, Optional<String> preselected) {
		new RevokeDialog(parent, model, preselected).open();
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("Revoke a station");
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		setTitle("Revoke a station");
		setMessage("Nothing is issued for a revoked station any more, and stations that install the new revocation"
				+ " list refuse its jobs. This cannot be undone.");
		Composite area = (Composite) super.createDialogArea(parent);
		Composite fields = new Composite(area, SWT.NONE);
		fields.setLayout(Fields.grid(2));
		fields.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		stations = model.view().stations().stream().filter(s -> !s.revoked()).toList();
		new Label(fields, SWT.NONE).setText("&Station:");
		station = new Combo(fields, SWT.READ_ONLY);
		station.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		for (Station one : stations) {
			station.add(one.name() + " (serial " + one.serial() + ")");
		}
		int index = preselected.map(serial -> indexOf(serial)).orElse(-1);
		if (index >= 0) {
			station.select(index);
		} else if (!stations.isEmpty()) {
			station.select(0);
		}
		new Label(fields, SWT.NONE).setText("&Reason:");
		reason = new Combo(fields, SWT.READ_ONLY);
		reason.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		RevocationList.REASON_NAMES.forEach(reason::add);
		reason.select(Math.max(0, RevocationList.REASON_NAMES.indexOf("cessation-of-operation")));
		Fields.words(fields, 2, "key-compromise: the station's key may be known to others; cessation-of-operation:"
				+ " the station is taken out of service; superseded: a new certificate replaces it.");
		if (stations.isEmpty()) {
			setErrorMessage("There is no station that could be revoked.");
		}
		return area;
	}

	private int indexOf(String serial) {
		for (int i = 0; i < stations.size(); i++) {
			if (stations.get(i).serial().equalsIgnoreCase(serial)) {
				return i;
			}
		}
		return -1;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, "&Revoke", false).setEnabled(!stations.isEmpty());
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, true);
	}

	@Override
	protected void okPressed() {
		int index = station.getSelectionIndex();
		if (index < 0) {
			setErrorMessage("Choose the station to revoke.");
			return;
		}
		Outcome.reportFailure(getParentShell(), "Revoke a station",
				model.revoke(stations.get(index).serial(), reason.getText()));
		super.okPressed();
	}
}
