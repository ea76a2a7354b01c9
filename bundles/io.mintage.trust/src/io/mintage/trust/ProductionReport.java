package io.mintage.trust;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.mintage.trust.internal.Der;
import io.mintage.trust.internal.ReportCodec;
import io.mintage.trust.internal.SignedCms;

/**
 * A production report (docs/formats.md, "Production report"): a station's signed extract of its
 * ledger. Its events carry consecutive sequence numbers and continue a SHA-256 hash chain from
 * {@link #previousChainHash()} (the last chain hash of the report the admin accepted before), so
 * deleted or rewritten history shows on import. Signed by the station key; the station certificate
 * travels inside. Immutable; what {@link #read} accepts is exactly what {@link #issue} writes.
 */
public final class ProductionReport {

	private static final String WHAT = "the production report";

	private final UUID reportId;
	private final X509Certificate station;
	private final byte[] previousChainHash;
	private final byte[] lastChainHash;
	private final List<ReportEvent> events;
	private final Instant signedAt;
	private final byte[] encoded;

	private ProductionReport(UUID reportId, X509Certificate station, byte[] previousChainHash, byte[] lastChainHash,
			List<ReportEvent> events, Instant signedAt, byte[] encoded) {
		this.reportId = reportId;
		this.station = station;
		this.previousChainHash = previousChainHash;
		this.lastChainHash = lastChainHash;
		this.events = events;
		this.signedAt = signedAt;
		this.encoded = encoded;
	}

	/**
	 * Signs a report of {@code events} with the station key; the chain hashes are computed here from
	 * {@code previousChainHash} on.
	 *
	 * @throws TrustException when the sequence numbers are not consecutive or the key is not the
	 *                        certificate's
	 */
	public static ProductionReport issue(CmsSigner station, UUID reportId, byte[] previousChainHash,
			List<ReportEvent> events, Clock clock) throws TrustException {
		Objects.requireNonNull(station, "station");
		Objects.requireNonNull(reportId, "reportId");
		Objects.requireNonNull(previousChainHash, "previousChainHash");
		Objects.requireNonNull(events, "events");
		if (previousChainHash.length != ReportEvent.CHAIN_HASH_LENGTH) {
			throw new IllegalArgumentException("a chain hash has 32 bytes, not " + previousChainHash.length);
		}
		List<ReportEvent> copy = List.copyOf(events);
		checkConsecutive(copy, "no report was made");
		List<byte[]> hashes = new ArrayList<>();
		byte[] chain = previousChainHash;
		for (ReportEvent event : copy) {
			chain = event.chainHash(chain);
			hashes.add(chain);
		}
		byte[] content = ReportCodec.encode(reportId, QuotaKey.sha256(station.certificate()), previousChainHash, copy,
				hashes);
		byte[] encoded = SignedCms.sign(station, MintageObjectIds.PRODUCTION_REPORT, content,
				SignedCms.signingTime(clock.instant()), WHAT);
		// the station cannot check its own certificate against the authority here; the rest it can
		return decode(encoded, SignedCms.isAuthority(station.certificate(), WHAT));
	}

	/**
	 * Reads a report strictly: canonical DER of exactly the profile; the station certificate inside was
	 * issued by {@code authority} and valid at the signing time; the signature is by its key; the report
	 * names that certificate; sequence numbers are consecutive and every chain hash recomputes.
	 */
	public static ProductionReport read(byte[] encoded, X509Certificate authority) throws TrustException {
		Objects.requireNonNull(authority, "authority");
		return decode(encoded, (signer, signedAt) -> {
			try {
				AuthorityCertificates.verifyStation(signer, authority, Clock.fixed(signedAt, ZoneOffset.UTC));
			} catch (TrustException e) {
				throw new TrustException(WHAT + " is not from a station of the authority "
						+ SignedCms.subjectQuoted(authority) + ": " + e.getMessage(), e);
			}
		});
	}

	private static ProductionReport decode(byte[] encoded, SignedCms.SignerCheck check) throws TrustException {
		SignedCms.Verified verified = SignedCms.read(encoded, MintageObjectIds.PRODUCTION_REPORT, WHAT, check);
		ReportCodec.Content content;
		try {
			content = ReportCodec.decode(verified.content(), WHAT);
		} catch (RuntimeException e) {
			throw new TrustException(WHAT + "'s content is malformed: " + Der.plain(e), e);
		}
		if (!Arrays.equals(content.stationCertificateHash(), QuotaKey.sha256(verified.signer()))) {
			throw new TrustException(WHAT + " names another station certificate than the one that signed it ("
					+ SignedCms.subjectQuoted(verified.signer()) + ")");
		}
		List<ReportEvent> events = content.events().stream().map(ReportCodec.StatedEvent::event).toList();
		checkConsecutive(events, "the report is refused");
		byte[] chain = content.previousChainHash();
		for (ReportCodec.StatedEvent stated : content.events()) {
			chain = stated.event().chainHash(chain);
			if (!Arrays.equals(chain, stated.chainHash())) {
				throw new BrokenChainException(WHAT + "'s hash chain is broken at event " + stated.event().sequence()
						+ ": its chain hash is not the SHA-256 of the previous one and the event", stated.event().sequence());
			}
		}
		return new ProductionReport(content.reportId(), verified.signer(), content.previousChainHash(), chain, events,
				verified.signedAt(), encoded.clone());
	}

	private static void checkConsecutive(List<ReportEvent> events, String consequence) throws TrustException {
		for (int i = 1; i < events.size(); i++) {
			long before = events.get(i - 1).sequence();
			long sequence = events.get(i).sequence();
			if (before == Long.MAX_VALUE || sequence != before + 1) {
				throw new BrokenChainException("the events of " + WHAT + " are not consecutive: event " + sequence
						+ " follows event " + before + "; " + consequence, sequence);
			}
		}
	}

	public UUID reportId() {
		return reportId;
	}

	/** The certificate of the station that signed the report. */
	public X509Certificate station() {
		return station;
	}

	public byte[] previousChainHash() {
		return previousChainHash.clone();
	}

	/** The chain hash of the last event, or {@link #previousChainHash()} for a report without events. */
	public byte[] lastChainHash() {
		return lastChainHash.clone();
	}

	public List<ReportEvent> events() {
		return events;
	}

	public Instant signedAt() {
		return signedAt;
	}

	/** The file: DER ContentInfo. */
	public byte[] encoded() {
		return encoded.clone();
	}

	@Override
	public String toString() {
		return "production report " + reportId + " of " + SignedCms.subjectQuoted(station) + ": " + events.size()
				+ " events, signed at " + signedAt;
	}
}
