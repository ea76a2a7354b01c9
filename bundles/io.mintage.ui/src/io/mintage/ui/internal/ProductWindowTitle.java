package io.mintage.ui.internal;

import jakarta.annotation.PostConstruct;

import org.eclipse.core.runtime.IProduct;
import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.osgi.framework.Version;

/**
 * Model add-on that titles every top-level window "product name version", taken from the running
 * product so that the station and the admin share one add-on and the title can never disagree with
 * what was installed. Runs before the windows are rendered.
 */
public final class ProductWindowTitle {

	@PostConstruct
	public void apply(MApplication application) {
		String title = title();
		for (MWindow window : application.getChildren()) {
			window.setLabel(title);
		}
	}

	static String title() {
		IProduct product = Platform.getProduct();
		if (product == null) {
			return "Mintage";
		}
		Version version = product.getDefiningBundle().getVersion();
		return product.getName() + " " + version.getMajor() + "." + version.getMinor() + "." + version.getMicro();
	}
}
