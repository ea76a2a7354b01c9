package io.mintage.sign.jca;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.mintage.core.sign.P256Keys;
import io.mintage.core.sign.SigningException;

/**
 * The self-signed certificate a key carries until its real chain is stored. PKCS#12 cannot hold a
 * private key without a certificate; it certifies nothing and nobody should trust it (its subject says
 * so).
 */
public final class PlaceholderCertificate {

	/** RFC 5280 4.1.2.5: 99991231235959Z means "no well-defined expiration date". */
	private static final Date NO_EXPIRY = Date.from(Instant.parse("9999-12-31T23:59:59Z"));

	private PlaceholderCertificate() {
	}

	public static X509Certificate create(String alias, PublicKey publicKey, PrivateKey privateKey, Provider provider)
			throws SigningException {
		X500Name subject = new X500Name("CN=" + alias + ",OU=placeholder until a certificate is issued,O=Mintage");
		try {
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
					new BigInteger(63, new SecureRandom()).add(BigInteger.ONE),
					Date.from(Instant.now().minus(Duration.ofMinutes(5))), NO_EXPIRY, subject, publicKey);
			return new JcaX509CertificateConverter().getCertificate(builder.build(
					new JcaContentSignerBuilder(P256Keys.SIGNATURE_ALGORITHM).setProvider(provider).build(privateKey)));
		} catch (OperatorCreationException | CertificateException | RuntimeException e) {
			throw new SigningException("could not make the placeholder certificate for the key '" + alias + "': "
					+ e.getMessage(), e);
		}
	}
}
