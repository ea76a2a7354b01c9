package io.mintage.ui.admin.internal;

import java.util.List;
import java.util.Optional;

import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;

import io.mintage.admin.Station;
import io.mintage.trust.RevocationList;
import io.mintage.ui.admin.model.AdminModel;

/**
 * Revokes a station ({@code admin revoke}): which one (the one selected in Stations first) and why, in
 * the RFC 5280 reason names the revocation list carries. It cannot be undone; the dialog says so, and
 * Enter is Cancel: Revoke is pressed on purpose (Alt+R).
 */
final class RevokeDialog extends FieldsDialog {

	private final AdminModel model;
	private final Optional<String> preselected;
	private List<Station> stations;
	private Combo station;
	private Combo reason;

	RevokeDialog(Shell parent, AdminModel model, Optional<String> preselected) {
		super(parent, "Revoke a station", "Revoke a station", "Nothing is issued for a revoked station any more, and"
				+ " stations that install the new revocation list refuse its jobs. This cannot be undone.", "&Revoke",
				false);
		this.model = model;
		this.preselected = preselected;
	}

	@Override
	protected void createFields(Composite fields) {
		stations = model.view().stations().stream().filter(s -> !s.revoked()).toList();
		station = Fields.choice(fields, "&Station:",
				stations.stream().map(one -> one.name() + " (serial " + one.serial() + ")").toList(),
				Fields.indexOf(stations, one -> preselected.filter(one.serial()::equalsIgnoreCase).isPresent()));
		// not "&Reason": Alt+R is the Revoke button's
		reason = Fields.choice(fields, "R&eason:", RevocationList.REASON_NAMES,
				Fields.indexOf(RevocationList.REASON_NAMES, "cessation-of-operation"::equals));
		Fields.words(fields, 2, "key-compromise: the station's key may be known to others; cessation-of-operation:"
				+ " the station is taken out of service; superseded: a new certificate replaces it.");
	}

	@Override
	protected Optional<String> problem() {
		return stations.isEmpty() ? Optional.of("There is no station that could be revoked.") : Optional.empty();
	}

	@Override
	protected void okPressed() {
		int index = station.getSelectionIndex();
		if (index < 0) {
			setErrorMessage("Choose the station to revoke.");
			return;
		}
		started(model.revoke(stations.get(index).serial(), reason.getText()));
		super.okPressed();
	}
}
