package io.mintage.core.sign;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks every backend applies the same way to what callers hand in: key aliases, P-256 keys, key
 * pairs and certificate chains. Plain JCA, so it works for software keys and token handles alike.
 */
public final class P256Keys {

	/** The standard name of P-256 for {@code ECGenParameterSpec}. */
	public static final String CURVE = "secp256r1";
	public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

	/*
	 * Lower case only: the JDK's PKCS#12 store folds aliases to lower case, a token keeps them as given;
	 * one rule for both keeps an alias meaning the same key in either backend.
	 */
	private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	private static final ECParameterSpec P256 = p256();

	private P256Keys() {
	}

	public static void requireValidAlias(String alias) throws SigningException {
		if (alias == null || !ALIAS.matcher(alias).matches()) {
			throw new SigningException("the key alias '" + alias + "' is not valid: use 1 to 64 lower-case letters, "
					+ "digits, '.', '-' and '_', starting with a letter or digit");
		}
	}

	/** Whether {@code key} (public, private or token handle) is on P-256, as far as its parameters show. */
	public static boolean isP256(Object key) {
		if (!(key instanceof ECKey ec) || ec.getParams() == null) {
			return false;
		}
		ECParameterSpec params = ec.getParams();
		return params.getCurve().equals(P256.getCurve()) && params.getGenerator().equals(P256.getGenerator())
				&& params.getOrder().equals(P256.getOrder()) && params.getCofactor() == P256.getCofactor();
	}

	/**
	 * Refuses a key pair that is not P-256 or whose halves do not belong together, by signing a random
	 * challenge with the private key (through {@code provider}) and verifying it with the public key.
	 */
	public static void requireMatchingPair(String alias, KeyPair pair, Provider provider) throws SigningException {
		if (!isP256(pair.getPublic()) || !isP256(pair.getPrivate())) {
			throw new SigningException("the key pair for '" + alias + "' is not an EC P-256 key pair");
		}
		requireSigns(alias, pair.getPrivate(), pair.getPublic(), provider,
				"the public key given for '" + alias + "' does not belong to its private key");
	}

	/** Refuses a chain whose first certificate does not carry {@code publicKey}. */
	public static void requireChainFor(String alias, PublicKey publicKey, List<X509Certificate> chain)
			throws SigningException {
		if (chain == null || chain.isEmpty()) {
			throw new SigningException("the certificate chain for '" + alias + "' is empty");
		}
		if (!Arrays.equals(chain.get(0).getPublicKey().getEncoded(), publicKey.getEncoded())) {
			throw new SigningException("the first certificate of the chain for '" + alias + "' ("
					+ chain.get(0).getSubjectX500Principal().getName() + ") carries another public key than the key '"
					+ alias + "'");
		}
	}

	private static void requireSigns(String alias, PrivateKey privateKey, PublicKey publicKey, Provider provider,
			String mismatch) throws SigningException {
		try {
			byte[] challenge = new byte[32];
			new SecureRandom().nextBytes(challenge);
			Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM, provider);
			signer.initSign(privateKey);
			signer.update(challenge);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
			verifier.initVerify(publicKey);
			verifier.update(challenge);
			if (!verifier.verify(signature)) {
				throw new SigningException(mismatch);
			}
		} catch (SigningException e) {
			throw e;
		} catch (GeneralSecurityException e) {
			throw new SigningException("the key pair for '" + alias + "' cannot sign: " + e.getMessage(), e);
		}
	}

	private static ECParameterSpec p256() {
		try {
			AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
			parameters.init(new ECGenParameterSpec(CURVE));
			return parameters.getParameterSpec(ECParameterSpec.class);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("this Java has no P-256", e);
		}
	}
}
