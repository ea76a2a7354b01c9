package io.mintage.ui;

import jakarta.annotation.PostConstruct;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * A part whose real content arrives with a later capability. It shows the part's label large and its
 * tooltip as a sentence saying what the part will do, so each perspective already has its final
 * shape and names; the application model holds the texts, not this class.
 */
public final class PlaceholderPart {

	@PostConstruct
	public void create(Composite parent, MPart part) {
		parent.setLayout(new GridLayout(1, false));
		Label title = new Label(parent, SWT.NONE);
		title.setText(part.getLocalizedLabel());
		title.setFont(JFaceResources.getHeaderFont());
		Label description = new Label(parent, SWT.WRAP);
		String tooltip = part.getLocalizedTooltip();
		description.setText(tooltip == null ? "" : tooltip);
		description.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
	}
}
