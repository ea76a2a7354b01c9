package io.mintage.core.sign;

/**
 * Opens the key store a {@link KeyLocation} names with whichever {@link SigningBackend} of that type
 * the runtime offers. One service, so that what needs a key (the admin's and the station's commands,
 * later their views) asks for it without tracking backends itself.
 */
public interface KeyStores {

	/**
	 * @throws SigningException when no backend of the location's type is installed (naming those that
	 *                          are), or the store cannot be opened
	 */
	KeyStoreSession open(KeyLocation location) throws SigningException;
}
