package io.mintage.ui.admin.internal;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

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
		new KeyCeremonyDialog(shell, model).open();
	}

	static void importExisting(Shell shell, AdminModel model) {
		if (model.view().authority().isPresent()) {
			MessageDialog.openInformation(shell, "Import an existing authority", "This admin folder has an authority"
					+ " already (" + model.view().authority().get().subject() + "); it is never replaced.");
			return;
		}
		new ImportAuthorityDialog(shell, model).open();
	}

	/** {@code admin export-anchor --c-header}. */
	static void exportHeader(Shell shell, AdminModel model) {
		writeWithAuthority(shell, model, "Export the firmware header", "mintage_anchor.h", "*.h", "C headers (*.h)",
				model::exportFirmwareHeader);
	}

	/** {@code admin export-anchor --pem}. */
	static void exportCertificate(Shell shell, AdminModel model) {
		writeWithAuthority(shell, model, "Export the CA certificate", "authority.pem", "*.pem", "Certificates (*.pem)",
				model::exportCertificate);
	}

	/**
	 * With an authority there (otherwise the admin is told to make one): a file to read chosen in a dialog
	 * asking for {@code what}, and {@code command} started on it; its failure is shown under {@code title}.
	 */
	static void readWithAuthority(Shell shell, AdminModel model, String title, String what, String filter,
			String filterName, Function<Path, CompletableFuture<?>> command) {
		if (needsAuthority(shell, model, title)) {
			FileChoice.open(shell, what, filter, filterName)
					.ifPresent(file -> Outcome.reportFailure(shell, title, command.apply(file)));
		}
	}

	/**
	 * With an authority there (otherwise the admin is told to make one): a file to write chosen in a dialog
	 * titled {@code title} suggesting {@code suggested}, and {@code command} started on it; its failure is
	 * shown under {@code title} too.
	 */
	static void writeWithAuthority(Shell shell, AdminModel model, String title, String suggested, String filter,
			String filterName, Function<Path, CompletableFuture<?>> command) {
		if (needsAuthority(shell, model, title)) {
			FileChoice.save(shell, title, suggested, filter, filterName)
					.ifPresent(file -> Outcome.reportFailure(shell, title, command.apply(file)));
		}
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
