package io.mintage.trust.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.mintage.trust.EcdsaSignature;
import io.mintage.trust.P256PublicKey;
import io.mintage.trust.TrustException;
import io.mintage.trust.internal.P256;

/** DER ⇄ raw r || s, the bridge between Java's and tokens' signatures and the device's. */
class EcdsaSignatureTest {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void convertsHighBitValuesWithTheirDerSignByte() throws Exception {
		// r and s with the top bit set: DER puts a 00 in front of each, making two 33-byte INTEGERs
		String r = "80" + "00".repeat(30) + "01";
		String s = "ff".repeat(32);
		String der = "3046" + "022100" + r + "022100" + s;
		assertRaw(r + s, der);
	}

	@Test
	void convertsValuesWithLeadingZeroBytesToShortIntegers() throws Exception {
		// r = 0x00 00 7f ..., s = 1: DER drops the leading zero bytes, raw keeps 32 bytes each
		String r = "0000" + "7f" + "ab".repeat(29);
		String s = "00".repeat(31) + "01";
		String der = "3023" + "021e" + r.substring(4) + "020101";
		assertRaw(r + s, der);
		// r below 2^255 with its second byte's top bit set: raw starts 00 80, DER keeps that 00 as sign byte
		String r2 = "00" + "80" + "11".repeat(30);
		String s2 = "7f" + "22".repeat(31);
		assertRaw(r2 + s2, "3044" + "0220" + r2 + "0220" + s2);
	}

	@Test
	void convertsTheSmallestValues() throws Exception {
		assertRaw("00".repeat(31) + "01" + "00".repeat(31) + "02", "3006020101020102");
	}

	@Test
	void interoperatesWithJavasSha256WithEcdsa() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		byte[] data = "interoperates".getBytes(StandardCharsets.US_ASCII);
		for (int run = 0; run < 20; run++) {
			KeyPair keys = generator.generateKeyPair();
			P256PublicKey publicKey = P256PublicKey.fromJca(keys.getPublic());
			Signature jca = Signature.getInstance("SHA256withECDSA");
			jca.initSign(keys.getPrivate());
			jca.update(data);
			byte[] der = jca.sign();
			EcdsaSignature raw = EcdsaSignature.fromDer(der);
			assertTrue(P256.verify(publicKey, data, raw), "Java's signature verifies in the device's form");
			assertArrayEquals(der, raw.toDer());
		}
		// and the other way: our signature, made DER, verifies with Java
		Signature jca = Signature.getInstance("SHA256withECDSA");
		PublicKey batchKey = KeyFactory.getInstance("EC")
				.generatePublic(new X509EncodedKeySpec(spki(TestVectors.BATCH_KEY.publicKey())));
		jca.initVerify(batchKey);
		jca.update(data);
		assertTrue(jca.verify(TestVectors.BATCH_KEY.sign(data).toDer()));
		assertEquals(TestVectors.BATCH_KEY.publicKey(), P256PublicKey.fromJca(batchKey));
	}

	@Test
	void refusesWhatIsNotDer() {
		assertRefused("the signature is not DER-encoded ASN.1 (0 bytes)", "");
		assertRefused("the signature is not DER-encoded ASN.1 (3 bytes)", "300602");
		assertRefused("the signature is not an ECDSA signature: expected a DER SEQUENCE of two INTEGERs", "0201ff");
		assertRefused("the signature is not an ECDSA signature: expected a DER SEQUENCE of two INTEGERs",
				"3009020101020101020101");
		assertRefused("the signature is not an ECDSA signature: expected a DER SEQUENCE of two INTEGERs",
				"3006040101020101");
	}

	@Test
	void refusesBerAndTrailingBytes() {
		// the length in long form where DER takes the short one
		assertRefused("the signature is not strict DER: a BER form or bytes after the sequence", "308106020101020101");
		// an INTEGER with a superfluous leading zero
		assertRefused(null, "30070202000102010f");
		// a byte after the sequence
		assertRefused(null, "300602010102010100");
	}

	@Test
	void refusesValuesNoP256SignatureHas() {
		assertRefused("the signature's r is negative, an ECDSA signature's r is positive", "30060201ff020101");
		assertRefused("the signature's s is zero, an ECDSA signature's s is positive", "3006020101020100");
		assertRefused("the signature's r has 257 bits, a P-256 signature's at most 256",
				"3026" + "022101" + "00".repeat(32) + "020101");
	}

	/** Whatever the bytes, the conversion gives a signature or says why not: no other exception escapes. */
	@Test
	void anyBytesGiveASignatureOrAPlainRefusal() {
		Random random = new Random(6979);
		byte[] valid = HEX.parseHex("3046022100" + "80" + "00".repeat(31) + "022100" + "ff".repeat(32));
		for (int run = 0; run < 20_000; run++) {
			byte[] bytes = run % 2 == 0 ? valid.clone() : new byte[random.nextInt(80)];
			if (run % 2 == 0) {
				for (int i = 1 + random.nextInt(4); i > 0; i--) {
					bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
				}
				bytes = Arrays.copyOf(bytes, bytes.length - random.nextInt(3));
			} else {
				random.nextBytes(bytes);
			}
			try {
				EcdsaSignature raw = EcdsaSignature.fromDer(bytes);
				assertArrayEquals(bytes, raw.toDer());
			} catch (TrustException refused) {
				assertTrue(refused.getMessage().startsWith("the signature"), refused.getMessage());
			}
		}
	}

	private static void assertRaw(String rawHex, String derHex) throws TrustException {
		byte[] raw = HEX.parseHex(rawHex);
		byte[] der = HEX.parseHex(derHex);
		assertArrayEquals(raw, EcdsaSignature.fromDer(der).bytes(), "DER to raw");
		assertArrayEquals(der, EcdsaSignature.of(raw).toDer(), "raw to DER");
		assertEquals(new BigInteger(1, Arrays.copyOf(raw, 32)), EcdsaSignature.of(raw).r());
		assertEquals(new BigInteger(1, Arrays.copyOfRange(raw, 32, 64)), EcdsaSignature.of(raw).s());
	}

	private static void assertRefused(String message, String derHex) {
		TrustException e = assertThrows(TrustException.class, () -> EcdsaSignature.fromDer(HEX.parseHex(derHex)));
		if (message != null) {
			assertEquals(message, e.getMessage());
		}
	}

	/** SubjectPublicKeyInfo of a P-256 key: the fixed DER prefix, then the SEC1 point. */
	static byte[] spki(P256PublicKey key) {
		byte[] prefix = HEX.parseHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");
		byte[] out = Arrays.copyOf(prefix, prefix.length + P256PublicKey.LENGTH);
		System.arraycopy(key.bytes(), 0, out, prefix.length, P256PublicKey.LENGTH);
		return out;
	}
}
