package io.mintage.ui.admin.internal;

import java.time.Duration;

import org.eclipse.swt.widgets.Shell;

import io.mintage.ui.admin.model.AdminModel;

/** What the Stations view and the Stations menu do, for buttons and handlers alike. */
final class StationActions {

	/** As {@code admin revoke}: stations should expect the next list within 30 days. */
	static final Duration LIST_VALIDITY = Duration.ofDays(30);

	private StationActions() {
	}

	/** {@code admin enrol REQUEST}: the certificate is written beside the request. */
	static void enrol(Shell shell, AdminModel model) {
		AuthorityActions.readWithAuthority(shell, model, "Enrol a station", "The station's enrolment request", "*.csr",
				"Enrolment requests (*.csr)", model::enrol);
	}

	static void revoke(Shell shell, AdminModel model, Selections selections) {
		new RevokeDialog(shell, model, selections.station()).open();
	}

	/** {@code admin revoke --list-only}. */
	static void exportRevocationList(Shell shell, AdminModel model) {
		AuthorityActions.writeWithAuthority(shell, model, "Export the revocation list", "revocations.crl", "*.crl",
				"Revocation lists (*.crl)", file -> model.exportRevocationList(file, LIST_VALIDITY));
	}
}
