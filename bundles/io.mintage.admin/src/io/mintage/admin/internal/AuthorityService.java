package io.mintage.admin.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.mintage.admin.AdminException;
import io.mintage.admin.Authority;
import io.mintage.admin.AuthorityInfo;
import io.mintage.core.sign.KeyLocation;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.SigningException;
import io.mintage.trust.AuthorityCertificates;
import io.mintage.trust.CmsSigner;
import io.mintage.trust.PemFiles;
import io.mintage.trust.TrustException;

/**
 * The authority: its row in the database (certificate, key location, creation) and, beside the database,
 * {@code authority/authority.pem} (for people and openssl) and {@code authority/key.properties} (where
 * the key is; never the secret), from which the key is opened.
 */
final class AuthorityService implements Authority {

	private final AdminHome home;

	AuthorityService(AdminHome home) {
		this.home = home;
	}

	@Override
	public Optional<AuthorityInfo> find() throws AdminException {
		return home.db().read("the authority cannot be read", connection -> {
			try (Statement statement = connection.createStatement();
					ResultSet row = statement.executeQuery(
							"SELECT subject, certificate, key_location, created_ms FROM authority WHERE id = 1")) {
				if (!row.next()) {
					return Optional.empty();
				}
				return Optional.of(info(row.getBytes("certificate"), row.getString("key_location"),
						Instant.ofEpochMilli(row.getLong("created_ms"))));
			}
		});
	}

	@Override
	public AuthorityInfo require() throws AdminException {
		return find().orElseThrow(() -> new AdminException("there is no authority yet in " + home.home()
				+ ": run 'mintage admin init' first"));
	}

	@Override
	public Path defaultKeystore() {
		return AdminHome.authorityFolder(home.home()).resolve("authority.p12");
	}

	@Override
	public AuthorityInfo create(String name, Instant notAfter, KeyLocation location) throws AdminException {
		Path certificateFile = AdminHome.certificateFile(home.home());
		Path keyLocationFile = AdminHome.keyLocationFile(home.home());
		return home.db().write("the authority could not be recorded", connection -> {
			refuseWhenOneExists(connection, certificateFile, keyLocationFile, "init");
			X509Certificate certificate;
			String keyLocationText;
			try (KeyStoreSession session = home.keyStores().open(location)) {
				session.generateKeyPair(location.alias());
				try {
					certificate = AuthorityCertificates.createAuthority(session, location.alias(), name, notAfter,
							home.clock());
					session.setCertificateChain(location.alias(), List.of(certificate));
					PemFiles.writeCertificate(certificateFile, certificate);
					location.store(keyLocationFile);
					keyLocationText = Files.readString(keyLocationFile, StandardCharsets.ISO_8859_1);
					Sql.update(connection, "INSERT INTO authority (id, subject, certificate, key_location, created_ms)"
							+ " VALUES (1, ?, ?, ?, ?)", subject(certificate), certificate.getEncoded(), keyLocationText,
							home.clock().instant());
					Audit.record(connection, home.clock().instant(), Audit.AUTHORITY_CREATED, subject(certificate),
							"fingerprint " + AuthorityCertificates.fingerprint(certificate) + ", key: " + describe(keyLocationText));
				} catch (TrustException | SigningException | IOException | SQLException
						| CertificateEncodingException | RuntimeException e) {
					// no half-made authority: without its certificate and location the key is of no use
					forget(certificateFile, keyLocationFile);
					session.delete(location.alias());
					throw e;
				}
			} catch (SigningException | TrustException | IOException | CertificateEncodingException e) {
				throw new AdminException("no authority was created: " + e.getMessage(), e);
			}
			return info(StationService.der(certificate), keyLocationText, home.clock().instant());
		});
	}

	@Override
	public AuthorityInfo importExisting(X509Certificate certificate, KeyLocation location) throws AdminException {
		Path certificateFile = AdminHome.certificateFile(home.home());
		Path keyLocationFile = AdminHome.keyLocationFile(home.home());
		Instant createdAt = certificate.getNotBefore().toInstant();
		return home.db().write("the authority could not be recorded", connection -> {
			refuseWhenOneExists(connection, certificateFile, keyLocationFile, "import");
			String keyLocationText;
			try (KeyStoreSession session = home.keyStores().open(location)) {
				if (!session.contains(location.alias())) {
					throw new AdminException("there is no key '" + location.alias() + "' in " + session.description()
							+ " (it has: " + String.join(", ", session.aliases()) + "); nothing was imported");
				}
				AuthorityCertificates.checkExisting(certificate, session, location.alias(), home.clock());
				List<X509Certificate> chain = session.certificateChain(location.alias());
				if (chain.size() != 1 || !chain.get(0).equals(certificate)) {
					// the store keeps the CA certificate beside its key, as init leaves it
					session.setCertificateChain(location.alias(), List.of(certificate));
				}
				try {
					PemFiles.writeCertificate(certificateFile, certificate);
					location.store(keyLocationFile);
					keyLocationText = Files.readString(keyLocationFile, StandardCharsets.ISO_8859_1);
					Sql.update(connection, "INSERT INTO authority (id, subject, certificate, key_location, created_ms)"
							+ " VALUES (1, ?, ?, ?, ?)", subject(certificate), certificate.getEncoded(), keyLocationText,
							createdAt);
					Audit.record(connection, home.clock().instant(), Audit.AUTHORITY_IMPORTED, subject(certificate),
							"fingerprint " + AuthorityCertificates.fingerprint(certificate) + ", key: "
									+ describe(keyLocationText));
				} catch (TrustException | IOException | SQLException | CertificateEncodingException
						| RuntimeException e) {
					// the key stays where it was (it is not ours to delete); the files go with the failed import
					forget(certificateFile, keyLocationFile);
					throw e;
				}
			} catch (SigningException | TrustException | IOException | CertificateEncodingException e) {
				throw new AdminException("the authority " + subject(certificate) + " was not imported: " + e.getMessage(),
						e);
			}
			return info(StationService.der(certificate), keyLocationText, createdAt);
		});
	}

	private void refuseWhenOneExists(java.sql.Connection connection, Path certificateFile, Path keyLocationFile,
			String command) throws SQLException, AdminException {
		boolean recorded;
		try (Statement statement = connection.createStatement();
				ResultSet count = statement.executeQuery("SELECT count(*) FROM authority")) {
			recorded = count.next() && count.getInt(1) > 0;
		}
		if (recorded || Files.exists(certificateFile) || Files.exists(keyLocationFile)) {
			throw new AdminException("an authority exists already in " + AdminHome.authorityFolder(home.home()) + "; "
					+ command + " never replaces one (move the folder away to start over)");
		}
	}

	/** Opens the authority's key store; close the result when done. */
	Opened open() throws AdminException {
		AuthorityInfo authority = require();
		try {
			KeyLocation location = KeyLocation.load(AdminHome.keyLocationFile(home.home()));
			KeyStoreSession session = home.keyStores().open(location);
			return new Opened(session, new CmsSigner(session, location.alias(), authority.certificate()));
		} catch (SigningException e) {
			throw new AdminException("the authority key cannot be opened: " + e.getMessage(), e);
		}
	}

	/** The open key store and the signer made of the authority key and CA certificate. */
	record Opened(KeyStoreSession session, CmsSigner signer) implements AutoCloseable {
		@Override
		public void close() {
			session.close();
		}

		X509Certificate certificate() {
			return signer.certificate();
		}
	}

	static AuthorityInfo info(byte[] der, String keyLocationText, Instant createdAt) throws AdminException {
		X509Certificate certificate = parse(der);
		try {
			return new AuthorityInfo(subject(certificate), AuthorityCertificates.fingerprint(certificate),
					certificate.getNotAfter().toInstant(), describe(keyLocationText), createdAt, der);
		} catch (TrustException e) {
			throw new AdminException(e.getMessage(), e);
		}
	}

	static X509Certificate parse(byte[] der) throws AdminException {
		try {
			return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
					.generateCertificate(new java.io.ByteArrayInputStream(der));
		} catch (java.security.cert.CertificateException e) {
			throw new AdminException("a certificate in the admin database cannot be read: " + e.getMessage(), e);
		}
	}

	static String subject(X509Certificate certificate) {
		return certificate.getSubjectX500Principal().getName();
	}

	/** The key location in words, from what key.properties holds: backend and file or token, never a secret. */
	static String describe(String keyLocationText) {
		java.util.Properties properties = new java.util.Properties();
		try {
			properties.load(new java.io.StringReader(keyLocationText));
		} catch (IOException | IllegalArgumentException e) {
			return "unknown (the stored key location cannot be read)";
		}
		String backend = properties.getProperty("backend", "unknown");
		String file = properties.getProperty("setting.file");
		String token = properties.getProperty("setting.token-label");
		return backend + (file != null ? " key store " + file : "") + (token != null ? " token '" + token + "'" : "");
	}

	private static void forget(Path... files) {
		for (Path file : files) {
			try {
				Files.deleteIfExists(file);
			} catch (IOException e) {
				// init reports its own failure; a left-over file is named by the next init's refusal
			}
		}
	}
}
