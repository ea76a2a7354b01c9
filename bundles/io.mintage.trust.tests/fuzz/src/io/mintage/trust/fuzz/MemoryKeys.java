package io.mintage.trust.fuzz;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mintage.core.sign.SigningKeys;

/**
 * P-256 keys in memory for making the seed corpus outside OSGi, where no signing backend runs. Only
 * for test objects: their keys are thrown away once the seeds are written.
 */
final class MemoryKeys implements SigningKeys {

	private final Map<String, KeyPair> keys = new TreeMap<>();

	void generate(String alias) throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		keys.put(alias, generator.generateKeyPair());
	}

	@Override
	public String type() {
		return "memory";
	}

	@Override
	public List<String> aliases() {
		return new ArrayList<>(keys.keySet());
	}

	@Override
	public PublicKey publicKey(String alias) {
		return keys.get(alias).getPublic();
	}

	@Override
	public byte[] sign(String alias, byte[] data) throws GeneralSecurityException {
		Signature signature = Signature.getInstance("SHA256withECDSA");
		signature.initSign(keys.get(alias).getPrivate());
		signature.update(data);
		return signature.sign();
	}
}
