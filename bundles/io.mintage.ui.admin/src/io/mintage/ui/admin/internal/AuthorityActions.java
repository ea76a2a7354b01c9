package io.mintage.ui.admin.internal;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

import io.mintage.ui.admin.model.AdminModel;

/** What the Authority view and the Authority menu do, in one place for buttons and handlers alike. */
final class AuthorityActions {

	private AuthorityActions() {
	}

	static void create(Shell shell, AdminModel model) {
		if (model.view().authority().isPresent()) {
			MessageDialog.openInformation(shell, "Create the authority", "This admin folder has an authority already ("
					+ model.view().authority().get().subject() + "); it is never replaced.");
			return;
		}
		KeyCeremonyDialog.open(shell, model);
	}

	static void importExisting(Shell shell, AdminModel model) {
		if (model.view().authority().isPresent()) {
			MessageDialog.openInformation(shell, "Import an existing authority", "This admin folder has an authority"
					+ " already (" + model.view().authority().get().subject() + "); it is never replaced.");
			return;
		}
		ImportAuthorityDialog.open(shell, model);
	}

	/** {@code admin export-anchor --c-header}. */
	static void exportHeader(Shell shell, AdminModel model) {
		if (!needsAuthority(shell, model, "Export the firmware header")) {
			return;
		}
		FileChoice.save(shell, "Export the firmware header", "mintage_anchor.h", "*.h", "C headers (*.h)")
				.ifPresent(file -> Outcome.reportFailure(shell, "Export the firmware header",
						model.exportFirmwareHeader(file)));
	}

	/** {@code admin export-anchor --pem}. */
	static void exportCertificate(Shell shell, AdminModel model) {
		if (!needsAuthority(shell, model, "Export the CA certificate")) {
			return;
		}
		FileChoice.save(shell, "Export the CA certificate", "authority.pem", "*.pem", "Certificates (*.pem)")
				.ifPresent(file -> Outcome.reportFailure(shell, "Export the CA certificate",
						model.exportCertificate(file)));
	}

	static boolean needsAuthority(Shell shell, AdminModel model, String title) {
		if (model.view().authority().isPresent()) {
			return true;
		}
		MessageDialog.openInformation(shell, title, "There is no authority yet: create one (Authority, Create"
				+ " authority…) or import an existing one first.");
		return false;
	}
}
