package io.mintage.trust.internal;

import java.security.Provider;
import java.security.SecureRandom;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The BouncyCastle provider the CMS code hands to BouncyCastle's JCA builders, as an object: it is never
 * registered with {@code Security.addProvider}, which in OSGi would be JVM-wide state every bundle sees.
 */
public final class Crypto {

	public static final Provider BC = new BouncyCastleProvider();
	public static final SecureRandom RANDOM = new SecureRandom();

	private Crypto() {
	}
}
