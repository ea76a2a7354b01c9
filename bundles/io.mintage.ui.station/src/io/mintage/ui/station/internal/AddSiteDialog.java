package io.mintage.ui.station.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import io.mintage.core.probe.ProbeDriver;
import io.mintage.station.engine.SiteAddress;
import io.mintage.ui.station.model.StationModel;

/**
 * Asks for a new site: the probe (the installed probe drivers) and the serial port of its fixture,
 * checked as the engine will read it; a site listed already is refused in the dialog.
 */
final class AddSiteDialog extends Dialog {

	/** A probe type and its name as the driver gives them. */
	private record Probe(String type, String name) {
	}

	private final StationModel model;
	private final List<Probe> probes;
	private Combo probe;
	private Text port;
	private Label error;

	private AddSiteDialog(Shell parent, StationModel model, List<Probe> probes) {
		super(parent);
		this.model = model;
		this.probes = probes;
	}

	/** Opens the dialog; the site is added when the operator confirms it. */
	static void open(Shell parent, StationModel model) {
		new AddSiteDialog(parent, model, installedProbes()).open();
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("Add site");
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		area.setLayout(new GridLayout(2, false));
		Label intro = new Label(area, SWT.WRAP);
		intro.setText("A site is one fixture: the probe that talks to its chip and the serial port it is on.");
		GridData introData = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
		introData.widthHint = 480;
		intro.setLayoutData(introData);

		new Label(area, SWT.NONE).setText("&Probe:");
		probe = new Combo(area, SWT.READ_ONLY);
		for (Probe one : probes) {
			probe.add(one.type() + " — " + one.name());
		}
		if (!probes.isEmpty()) {
			probe.select(0);
		}
		probe.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

		new Label(area, SWT.NONE).setText("P&ort:");
		port = new Text(area, SWT.BORDER);
		port.setMessage("/dev/ttyUSB0");
		port.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		Label hint = new Label(area, SWT.WRAP);
		hint.setText("For example /dev/ttyUSB0, or /dev/serial/by-id/… which stays the same when adapters are "
				+ "plugged in another order. Another wire rate: /dev/ttyUSB0?baud=57600.");
		GridData hintData = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
		hintData.widthHint = 480;
		hint.setLayoutData(hintData);
		error = new Label(area, SWT.WRAP);
		error.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
		if (probes.isEmpty()) {
			error.setText("No probe driver is installed in this station.");
		}
		return area;
	}

	@Override
	protected void okPressed() {
		if (probe.getSelectionIndex() < 0) {
			error.setText("Choose the probe.");
			return;
		}
		try {
			model.addSite(new SiteAddress(probes.get(probe.getSelectionIndex()).type(), port.getText().strip()));
		} catch (IllegalArgumentException e) {
			error.setText(e.getMessage());
			error.getParent().layout(true);
			getShell().pack();
			return;
		}
		super.okPressed();
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, "&Add", true);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
	}

	/** The probe drivers in the service registry, by type. */
	private static List<Probe> installedProbes() {
		List<Probe> found = new ArrayList<>();
		BundleContext context = FrameworkUtil.getBundle(AddSiteDialog.class).getBundleContext();
		if (context == null) {
			return found;
		}
		try {
			Collection<ServiceReference<ProbeDriver>> references = context.getServiceReferences(ProbeDriver.class, null);
			for (ServiceReference<ProbeDriver> reference : references) {
				ProbeDriver driver = context.getService(reference);
				if (driver != null) {
					try {
						found.add(new Probe(driver.type(), driver.displayName()));
					} finally {
						context.ungetService(reference);
					}
				}
			}
		} catch (InvalidSyntaxException e) {
			// no filter is given
		}
		found.sort(Comparator.comparing(Probe::type));
		return found;
	}
}
