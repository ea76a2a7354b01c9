package io.mintage.sign.jca.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.mintage.core.sign.KeyLocation;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.KeyStores;
import io.mintage.core.sign.SigningBackend;
import io.mintage.core.sign.SigningException;

/**
 * {@link KeyStores} over the signing backends registered as services, found by their
 * {@code mintage.signing.backend} type; a backend installed later is seen as soon as it registers.
 */
@Component(service = KeyStores.class)
public final class RegisteredKeyStores implements KeyStores {

	private final List<SigningBackend> backends = new CopyOnWriteArrayList<>();

	@Reference(service = SigningBackend.class, cardinality = ReferenceCardinality.MULTIPLE,
			policy = ReferencePolicy.DYNAMIC)
	void addBackend(SigningBackend backend) {
		backends.add(backend);
	}

	void removeBackend(SigningBackend backend) {
		backends.remove(backend);
	}

	@Override
	public KeyStoreSession open(KeyLocation location) throws SigningException {
		return location.open(List.copyOf(backends));
	}
}
