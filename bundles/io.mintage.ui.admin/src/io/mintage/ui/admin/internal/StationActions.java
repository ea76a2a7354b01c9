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
		if (!AuthorityActions.needsAuthority(shell, model, "Enrol a station")) {
			return;
		}
		FileChoice.open(shell, "The station's enrolment request", "*.csr", "Enrolment requests (*.csr)")
				.ifPresent(request -> Outcome.reportFailure(shell, "Enrol a station", model.enrol(request)));
	}

	static void revoke(Shell shell, AdminModel model, Selections selections) {
		RevokeDialog.open(shell, model, selections.station());
	}

	/** {@code admin revoke --list-only}. */
	static void exportRevocationList(Shell shell, AdminModel model) {
		if (!AuthorityActions.needsAuthority(shell, model, "Export the revocation list")) {
			return;
		}
		FileChoice.save(shell, "Export the revocation list", "revocations.crl", "*.crl", "Revocation lists (*.crl)")
				.ifPresent(file -> Outcome.reportFailure(shell, "Export the revocation list",
						model.exportRevocationList(file, LIST_VALIDITY)));
	}
}
