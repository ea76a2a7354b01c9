package io.mintage.core.probe;

import java.io.IOException;

/**
 * The site's settings do not fit the chip on it (a supply voltage outside every range its bootloader
 * knows, say). Another attempt cannot change that, only the site's address can; nothing was erased or
 * written.
 */
public final class SiteSettingException extends IOException {

	private static final long serialVersionUID = 1L;

	public SiteSettingException(String message) {
		super(message);
	}
}
