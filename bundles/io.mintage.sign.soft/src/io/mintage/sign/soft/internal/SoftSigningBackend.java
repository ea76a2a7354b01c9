package io.mintage.sign.soft.internal;

import java.nio.file.Path;

import org.osgi.service.component.annotations.Component;

import io.mintage.core.sign.KeyStoreConfiguration;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.SigningBackend;
import io.mintage.core.sign.SigningException;

/**
 * Keys in an encrypted PKCS#12 file: setting {@link KeyStoreConfiguration#KEYSTORE_FILE}, the secret is
 * the keystore's passphrase. For stations and authorities without a token; see docs/threat-model.md for
 * what a software keystore cannot protect against.
 */
@Component(service = SigningBackend.class, property = SigningBackend.TYPE + "=" + SoftSigningBackend.TYPE_ID)
public final class SoftSigningBackend implements SigningBackend {

	static final String TYPE_ID = "soft";

	@Override
	public String type() {
		return TYPE_ID;
	}

	@Override
	public KeyStoreSession open(KeyStoreConfiguration configuration) throws SigningException {
		Path file = Path.of(configuration.requireSetting(KeyStoreConfiguration.KEYSTORE_FILE, TYPE_ID))
				.toAbsolutePath().normalize();
		return SoftKeyStoreSession.open(file, configuration.secret());
	}
}
