package io.mintage.trust;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.mintage.core.sign.P256Keys;
import io.mintage.trust.internal.Der;
import io.mintage.trust.internal.DerInput;
import io.mintage.trust.internal.OrderedRecordChecks;
import io.mintage.trust.internal.ReportCodec;
import io.mintage.trust.internal.ReportRecordChecker;
import io.mintage.trust.internal.SignedCms;

/**
 * Reads a production report file of any size in bounded memory and checks the device records it carries
 * on a few threads. It accepts exactly what {@link ProductionReport#read} accepts — canonical DER of
 * exactly the profile, a station certificate of the authority valid at the signing time, the report
 * naming that certificate, consecutive sequence numbers, every chain hash — except a single event of
 * more than {@link #MAX_EVENT_BYTES} (a station writes a few hundred bytes), which it refuses rather
 * than hold.
 * <p>
 * The file is read twice, both times in order: first its frame and its end — in CMS the certificate
 * and the signer's signed attributes come after the content — so that the station certificate is
 * checked against the authority and the signature over the signed attributes verified before any event
 * is handed out; then the content, hashed as it streams, one event at a time. Whether the content is the
 * one signed is known only at its last byte: events go into the caller's {@link ReportImport}, which
 * commits only then.
 * <p>
 * Every {@code device-authorized} event's device record is checked ({@link ReportRecordCheck}) against
 * the authority's key — the key of the authority certificate — on {@code threads} threads; events
 * come out in order with their outcome, and at most {@code threads} × {@value #WINDOW_PER_THREAD} events
 * are in flight at once. Every {@code checkpoint} event's signature is checked with the station
 * certificate's key over the chain hash before it; a checkpoint that does not hold is handed out with
 * its event ({@link CheckedEvent#checkpointFailure()}) and counted in the verdict, like a failed record.
 */
public final class ProductionReportReader {

	/** The largest event the reader takes: far above what a station writes, far below what memory holds. */
	public static final int MAX_EVENT_BYTES = 1 << 20;
	/** Failures kept in the {@link ReportVerdict}; every one is handed out with its event. */
	public static final int FAILURES_KEPT = 1000;
	static final int WINDOW_PER_THREAD = 256;
	/** The ledger event type of a checkpoint (docs/formats.md, "Event types"). */
	public static final String CHECKPOINT = "checkpoint";
	/** A checkpoint's detail up to the sequence number of the event whose chain hash it signs. */
	static final String CHECKPOINT_DETAIL = "signs the chain hash of event ";
	/** Certificates and the SignerInfo after the content: a few kilobytes in a real report. */
	private static final int MAX_TAIL_BYTES = 1 << 20;
	private static final int BUFFER_BYTES = 1 << 16;

	private final X509Certificate authority;
	private final ReportRecordChecker records;
	private final int threads;

	/**
	 * @param authority the authority certificate the reports' station certificates must chain to; its key
	 *                  is the one the firmware holds, which the batch certificates are checked with
	 * @param threads   threads for the record checks, at least 1
	 * @throws TrustException when the authority's key is not a P-256 key
	 */
	public ProductionReportReader(X509Certificate authority, int threads) throws TrustException {
		this.authority = Objects.requireNonNull(authority, "authority");
		if (threads < 1) {
			throw new IllegalArgumentException("record checks need at least one thread, not " + threads);
		}
		this.threads = threads;
		this.records = new ReportRecordChecker(P256PublicKey.fromJca(authority.getPublicKey()));
	}

	/**
	 * Reads {@code file} into {@code into}: {@link ReportImport#begin begin} with the header, each event
	 * in order, then {@link ReportImport#commit commit} with the verdict, whose result this returns —
	 * or, when anything fails, {@link ReportImport#abandon abandon} and the exception.
	 *
	 * @throws TrustException when the report is refused, in plain words naming the file and what is wrong
	 *                        (a broken chain names the event's sequence number)
	 * @throws IOException    when the file cannot be read
	 */
	public <T> T read(Path file, ReportImport<T> into) throws TrustException, IOException {
		Objects.requireNonNull(file, "file");
		Objects.requireNonNull(into, "into");
		// in parentheses: the messages go on with "'s event 17", which after a quote would read badly
		String what = "the production report (" + file + ")";
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			Frame frame = frame(channel, what);
			SignedCms.Detached signed = SignedCms.readDetached(frame.skeleton(), MintageObjectIds.PRODUCTION_REPORT, what,
					(signer, signedAt) -> checkStation(signer, signedAt, what));
			MessageDigest sha256 = sha256();
			InputStream content = new DigestInputStream(new Bounded(new BufferedInputStream(
					Channels.newInputStream(channel.position(frame.contentOffset())), BUFFER_BYTES),
					frame.contentLength()), sha256);
			Counted counted = new Counted(into);
			byte[] last = events(new DerInput(content, 0, what, "its content"), frame.contentLength(), signed, what,
					counted);
			signed.checkDigest(sha256.digest());
			return into.commit(new ReportVerdict(counted.header, counted.events, last, counted.verified, counted.refused,
					counted.failures, counted.checkpointsVerified, counted.checkpointsRefused));
		} catch (TrustException | IOException | RuntimeException e) {
			into.abandon(e);
			throw e;
		}
	}

	/**
	 * What a report file says about itself — its id, the certificate inside and its signing time — read
	 * without judging any of it, so that an importer can name a report the reader refused (a signature by
	 * another key, a certificate of another authority). Empty when the file is not shaped like a report
	 * far enough to say.
	 */
	public static Optional<Claims> claims(Path file) {
		String what = "the production report (" + file + ")";
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			Frame frame = frame(channel, what);
			X509Certificate[] signer = new X509Certificate[1];
			Instant[] signedAt = new Instant[1];
			try {
				SignedCms.readDetached(frame.skeleton(), MintageObjectIds.PRODUCTION_REPORT, what, (certificate, at) -> {
					signer[0] = certificate;
					signedAt[0] = at;
					throw new TrustException("claims read: no need to go on");
				});
			} catch (TrustException e) {
				// expected: the check above stops the reading once the signer is known
			}
			if (signer[0] == null) {
				return Optional.empty();
			}
			DerInput der = new DerInput(new Bounded(new BufferedInputStream(Channels.newInputStream(
					channel.position(frame.contentOffset())), 4096), frame.contentLength()), 0, what, "its content");
			DerInput.Header content = der.header(0x30, "its content");
			der.element(64, content.end(), "its content's version");
			UUID reportId = Der.uuid(Der.parse(der.element(64, content.end(), "its reportId"), what + "'s reportId"),
					what + "'s reportId");
			return Optional.of(new Claims(reportId, signer[0], signedAt[0]));
		} catch (TrustException | IOException | RuntimeException e) {
			return Optional.empty();
		}
	}

	/** What a report says about itself, unchecked ({@link #claims}). */
	public record Claims(UUID reportId, X509Certificate signer, Instant signedAt) {
		public Claims {
			Objects.requireNonNull(reportId, "reportId");
			Objects.requireNonNull(signer, "signer");
			Objects.requireNonNull(signedAt, "signedAt");
		}
	}

	private void checkStation(X509Certificate signer, Instant signedAt, String what) throws TrustException {
		try {
			AuthorityCertificates.verifyStation(signer, authority, Clock.fixed(signedAt, ZoneOffset.UTC));
		} catch (TrustException e) {
			throw new TrustException(what + " is not from a station of the authority "
					+ SignedCms.subjectQuoted(authority) + ": " + e.getMessage(), e);
		}
	}

	/** The content: header fields, then each event checked and handed on; returns the last chain hash. */
	private byte[] events(DerInput der, long length, SignedCms.Detached signed, String what, Counted into)
			throws TrustException, IOException {
		DerInput.Header content = der.header(0x30, "its content");
		if (content.end() != length) {
			throw new TrustException(what + "'s content is not exactly one DER object: it says " + content.end()
					+ " bytes, the eContent holds " + length);
		}
		long end = content.end();
		Der.version(Der.parse(der.element(64, end, "its content's version"), what + "'s content"), ReportCodec.VERSION,
				what);
		UUID reportId = Der.uuid(Der.parse(der.element(64, end, "its reportId"), what + "'s reportId"),
				what + "'s reportId");
		byte[] stationHash = Der.octets(Der.parse(der.element(64, end, "its stationCertificateHash"),
				what + "'s stationCertificateHash"), 32, what + "'s stationCertificateHash");
		byte[] previous = Der.octets(Der.parse(der.element(64, end, "its previousChainHash"),
				what + "'s previousChainHash"), 32, what + "'s previousChainHash");
		DerInput.Header list = der.header(0x30, "its events");
		if (list.end() != end) {
			throw new TrustException(what + "'s content has " + (list.end() < end ? "fields after its events"
					: "events running past its end"));
		}
		if (!Arrays.equals(stationHash, QuotaKey.sha256(signed.signer()))) {
			throw new TrustException(what + " names another station certificate than the one that signed it ("
					+ SignedCms.subjectQuoted(signed.signer()) + ")");
		}
		into.begin(new ReportHeader(reportId, signed.signer(), previous, signed.signedAt()));
		Checkpoints checkpoints = new Checkpoints(signed.signer(), what);
		byte[] chain = previous;
		try (OrderedRecordChecks checks = new OrderedRecordChecks(records, threads, threads * WINDOW_PER_THREAD,
				into::event)) {
			long before = -1;
			for (long index = 1; der.position() < end; index++) {
				byte[] bytes = der.element(MAX_EVENT_BYTES, end, "event " + index);
				ReportCodec.StatedEvent stated = ReportCodec.decodeEvent(bytes, what + "'s event " + index);
				ReportEvent event = stated.event();
				long sequence = event.sequence();
				if (index > 1 && (before == Long.MAX_VALUE || sequence != before + 1)) {
					throw new BrokenChainException("the events of " + what + " are not consecutive: event " + sequence
							+ " follows event " + before + "; the report is refused", sequence);
				}
				byte[] chainBefore = chain;
				chain = event.chainHash(chain);
				if (!Arrays.equals(chain, stated.chainHash())) {
					throw new BrokenChainException(what + "'s hash chain is broken at event " + sequence
							+ ": its chain hash is not the SHA-256 of the previous one and the event", sequence);
				}
				before = sequence;
				checks.add(event, chain, checkpoints.check(event, chainBefore));
			}
			checks.finish();
		}
		return chain;
	}

	/**
	 * Checks each {@code checkpoint} event: the station key's ECDSA-SHA256 signature (DER) over the chain
	 * hash of the event before it, which its detail names (docs/formats.md, "Chain hash, checkpoints and
	 * reports"). On the reading thread: a station writes one every few hundred events.
	 */
	private static final class Checkpoints {

		private final Signature signature;
		private final String what;

		Checkpoints(X509Certificate station, String what) throws TrustException {
			this.what = what;
			try {
				signature = Signature.getInstance(P256Keys.SIGNATURE_ALGORITHM);
				signature.initVerify(station.getPublicKey());
			} catch (GeneralSecurityException e) {
				throw new TrustException(what + ": the station certificate's key cannot check signatures ("
						+ e.getMessage() + ")", e);
			}
		}

		/** Why the event, a checkpoint, does not hold; empty for a good checkpoint and any other event. */
		Optional<String> check(ReportEvent event, byte[] chainHashBefore) {
			if (!CHECKPOINT.equals(event.type())) {
				return Optional.empty();
			}
			long sequence = event.sequence();
			String checkpoint = "checkpoint " + sequence + " of " + what;
			if (!event.detail().equals(Optional.of(CHECKPOINT_DETAIL + (sequence - 1)))) {
				return Optional.of(checkpoint + " does not name event " + (sequence - 1) + " as the one it signs");
			}
			if (event.record().isEmpty()) {
				return Optional.of(checkpoint + " holds no signature");
			}
			boolean verifies;
			try {
				signature.update(chainHashBefore);
				verifies = signature.verify(event.record().get());
			} catch (SignatureException e) {
				// not a DER signature at all; verify() resets the object even when it throws
				verifies = false;
			}
			return verifies ? Optional.empty()
					: Optional.of(checkpoint + ": the signature does not verify with the station certificate over the"
							+ " chain hash of event " + (sequence - 1) + " (history before it was rewritten)");
		}
	}

	/** Where the content lies in the file, and the file without it for {@link SignedCms#readDetached}. */
	private record Frame(byte[] skeleton, long contentOffset, long contentLength) {
	}

	/**
	 * The outer layers a report has — ContentInfo, [0], SignedData, version, digestAlgorithms,
	 * encapContentInfo, eContentType, [0], OCTET STRING — down to the content, then what follows it.
	 * Only their shape is checked here; the skeleton goes through the same checks as a whole file.
	 */
	private static Frame frame(FileChannel channel, String what) throws TrustException, IOException {
		long size = channel.size();
		if (size == 0) {
			throw new TrustException(what + " is empty");
		}
		DerInput der = new DerInput(new BufferedInputStream(Channels.newInputStream(channel.position(0)), 4096), 0,
				what, "the file");
		DerInput.Header info = der.header(0x30, "its ContentInfo");
		if (info.end() > size) {
			throw new TrustException(what + " is cut short: it says it holds " + info.end() + " bytes, the file has "
					+ size);
		}
		if (info.end() < size) {
			long after = size - info.end();
			throw new TrustException(what + " has " + after + (after == 1 ? " byte" : " bytes") + " after its end");
		}
		byte[] type = der.element(64, info.end(), "its content type");
		DerInput.Header explicit = der.header(0xA0, "its SignedData");
		shape(explicit.end() == info.end(), what, "its SignedData");
		DerInput.Header signedData = der.header(0x30, "its SignedData");
		shape(signedData.end() == explicit.end(), what, "its SignedData");
		byte[] version = der.element(64, signedData.end(), "its SignedData version");
		byte[] digests = der.element(4096, signedData.end(), "its digest algorithms");
		DerInput.Header encapsulated = der.header(0x30, "its encapsulated content");
		der.within(encapsulated, signedData.end(), "its encapsulated content");
		byte[] contentType = der.element(256, encapsulated.end(), "its content type");
		if (der.position() == encapsulated.end()) {
			throw new TrustException(what + " does not follow Mintage's CMS profile: its content is not encapsulated");
		}
		DerInput.Header eContent = der.header(0xA0, "its eContent");
		shape(eContent.end() == encapsulated.end(), what, "its eContent");
		DerInput.Header octets = der.header(0x04, "its eContent");
		shape(octets.end() == eContent.end(), what, "its eContent");
		long tailLength = signedData.end() - encapsulated.end();
		if (tailLength > MAX_TAIL_BYTES) {
			throw new TrustException(what + " carries " + tailLength + " bytes of certificates and signer information;"
					+ " a report has a few kilobytes there");
		}
		ByteBuffer tail = ByteBuffer.allocate((int) tailLength);
		long at = encapsulated.end();
		while (tail.hasRemaining()) {
			if (channel.read(tail, at + tail.position()) < 0) {
				throw new TrustException(what + " is cut short: the file ends inside its signer information");
			}
		}
		byte[] skeleton = DerInput.element(0x30, type, DerInput.element(0xA0, DerInput.element(0x30, version, digests,
				DerInput.element(0x30, contentType, DerInput.element(0xA0, new byte[] { 0x04, 0x00 })), tail.array())));
		return new Frame(skeleton, der.position(), octets.length());
	}

	private static void shape(boolean holds, String what, String element) throws TrustException {
		if (!holds) {
			throw new TrustException(what + " is not a CMS SignedData object of Mintage's profile: " + element
					+ " does not end where what holds it ends");
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java runtime has SHA-256", e);
		}
	}

	/** Passes the events on to the caller's import and counts the records' outcomes. */
	private static final class Counted {

		private final ReportImport<?> into;
		ReportHeader header;
		long events;
		long verified;
		long refused;
		long checkpointsVerified;
		long checkpointsRefused;
		final List<RecordFailure> failures = new ArrayList<>();

		Counted(ReportImport<?> into) {
			this.into = into;
		}

		void begin(ReportHeader header) {
			this.header = header;
			into.begin(header);
		}

		void event(CheckedEvent event) {
			events++;
			if (event.verifiedRecord().isPresent()) {
				verified++;
			}
			event.recordFailure().ifPresent(failure -> {
				refused++;
				if (failures.size() < FAILURES_KEPT) {
					failures.add(failure);
				}
			});
			if (CHECKPOINT.equals(event.event().type())) {
				if (event.checkpointFailure().isPresent()) {
					checkpointsRefused++;
				} else {
					checkpointsVerified++;
				}
			}
			into.event(event);
		}
	}

	/** At most {@code remaining} bytes of the stream below: the content, not what follows it. */
	private static final class Bounded extends FilterInputStream {

		private long remaining;

		Bounded(InputStream in, long length) {
			super(in);
			this.remaining = length;
		}

		@Override
		public int read() throws IOException {
			if (remaining <= 0) {
				return -1;
			}
			int b = super.read();
			if (b >= 0) {
				remaining--;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (remaining <= 0) {
				return -1;
			}
			int count = super.read(buffer, offset, (int) Math.min(length, remaining));
			if (count > 0) {
				remaining -= count;
			}
			return count;
		}
	}
}
