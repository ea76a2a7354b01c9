package io.mintage.trust.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mintage.core.mcu.RecordPlacement;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.testing.KeyStores;
import io.mintage.trust.JobPackage;
import io.mintage.trust.MintageObjectIds;
import io.mintage.trust.QuotaKey;
import io.mintage.trust.RecordOptions;
import io.mintage.trust.TrustException;
import io.mintage.trust.internal.SignedCms;

import org.junit.jupiter.api.io.TempDir;

/**
 * A job package's RecordOptions: each option survives issue and read, the DER is exactly the
 * documented one (a DEFAULT never encoded), and every other encoding, signed by the authority all the
 * same, is refused in plain words. Keys in software keystores.
 */
class JobRecordOptionsTest {

	private static final String WHAT = "the job package's content: recordOptions";

	@TempDir
	static Path keys;

	private static KeyStoreSession authorityStore;
	private static KeyStoreSession stationStore;
	private static CmsFixture fixture;
	private static QuotaKey quota;
	/** A job package whose content the refusal tests change and sign again. */
	private static byte[] template;

	@BeforeAll
	static void open() throws Exception {
		authorityStore = KeyStores.openSoft(keys, "authority");
		stationStore = KeyStores.openSoft(keys, "station");
		fixture = new CmsFixture(authorityStore, stationStore);
		quota = fixture.quota();
		template = fixture.job(quota).encoded();
	}

	@AfterAll
	static void close() {
		authorityStore.close();
		stationStore.close();
	}

	@Test
	void eachOptionReadsBackAsIssuedInItsDocumentedDer() throws Exception {
		String hashOnly = "3003" + "0101ff";
		check(new RecordOptions(true), hashOnly);
		check(new RecordOptions(false), "3003" + "010100");
		check(new RecordOptions(false, Optional.of("protected"), false, Optional.empty(), false),
				"300e" + "010100" + "8009" + hex("protected"));
		check(new RecordOptions(false, Optional.empty(), true, Optional.empty(), false), "3006" + "010100" + "8101ff");
		check(new RecordOptions(false, Optional.empty(), false, Optional.of("otp"), false),
				"3008" + "010100" + "8203" + hex("otp"));
		check(new RecordOptions(false, Optional.empty(), false, Optional.empty(), true), "3006" + "010100" + "8301ff");
		// the fixture's job: every option, in tag order
		check(CmsFixture.OPTIONS, "3023" + "0101ff" + "8007" + hex("level 1") + "8101ff" + "820f"
				+ hex("last-erase-unit") + "8301ff");
		// names are UTF-8 and kept byte for byte
		check(new RecordOptions(false, Optional.of("Schutz \u00e4"), false, Optional.empty(), false),
				"300e" + "010100" + "8009" + HexFormat.of().formatHex("Schutz \u00e4".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
	}

	private static void check(RecordOptions options, String expectedHex) throws Exception {
		JobPackage issued = fixture.job(quota, options);
		JobPackage read = JobPackage.read(issued.encoded(), fixture.authority);
		assertEquals(options, read.recordOptions());
		assertEquals(expectedHex, HexFormat.of().formatHex(optionsOf(read.encoded())), options.toString());
	}

	@Test
	void theOneOptionConstructorLeavesEveryOtherOptionToTheStation() {
		RecordOptions options = new RecordOptions(true);
		assertEquals(new RecordOptions(true, Optional.empty(), false, Optional.empty(), false), options);
		assertEquals(Optional.empty(), options.placement());
		assertEquals(Optional.of(RecordPlacement.OTP),
				new RecordOptions(false, Optional.empty(), false, Optional.of("otp"), false).placement());
		assertEquals(Optional.of(RecordPlacement.LAST_ERASE_UNIT),
				new RecordOptions(false, Optional.empty(), false, Optional.of("last-erase-unit"), false).placement());
	}

	@Test
	void theSummarySaysWhatTheStationWillDo() {
		assertEquals("no firmware hash in records, protection left as found, protected chips refused, record in the"
				+ " family's default place, chips with an undocumented UID refused", new RecordOptions(false).summary());
		assertEquals("firmware hash in records, protect 'level 1' after verify, protected chips unprotected (mass"
				+ " erase), record in last-erase-unit, chips with an undocumented UID accepted",
				CmsFixture.OPTIONS.summary());
	}

	@Test
	void namesTheFormatCannotHoldAreRefusedWhenTheOptionsAreMade() {
		assertEquals("a protection level is named by a non-empty text UTF-8 can hold, not ''", invalid(
				() -> new RecordOptions(false, Optional.of(""), false, Optional.empty(), false)));
		assertEquals("a protection level is named by a non-empty text UTF-8 can hold, not 'level \uD800'", invalid(
				() -> new RecordOptions(false, Optional.of("level \uD800"), false, Optional.empty(), false)));
		assertEquals("a record placement is 'last-erase-unit' or 'otp', not 'flash'", invalid(
				() -> new RecordOptions(false, Optional.empty(), false, Optional.of("flash"), false)));
		assertEquals("a record placement is 'last-erase-unit' or 'otp', not 'OTP'", invalid(
				() -> new RecordOptions(false, Optional.empty(), false, Optional.of("OTP"), false)));
		assertThrows(NullPointerException.class, () -> new RecordOptions(false, null, false, Optional.empty(), false));
		assertThrows(NullPointerException.class, () -> new RecordOptions(false, Optional.empty(), false, null, false));
	}

	private static String invalid(org.junit.jupiter.api.function.Executable making) {
		return assertThrows(IllegalArgumentException.class, making).getMessage();
	}

	/** The options element, in hex, and the reader's refusal of it inside an authority-signed job package. */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			a DEFAULT FALSE encoded (allowUnprotect)         | 3006 0101ff 810100        | allowUnprotect is encoded as FALSE, its DEFAULT, which DER leaves out
			a DEFAULT FALSE encoded (acceptUndocumentedUid)  | 3006 010100 830100        | acceptUndocumentedUid is encoded as FALSE, its DEFAULT, which DER leaves out
			TRUE not as 0xFF                                 | 3006 0101ff 810101        | allowUnprotect is not in canonical DER
			TRUE of two bytes                                | 3007 0101ff 83020001      | acceptUndocumentedUid is not a BOOLEAN: BOOLEAN value should have 1 byte in it
			fields out of tag order                          | 3009 0101ff 820161 800162 | has fields out of order, twice or unknown (element 3)
			a field twice                                    | 3009 0101ff 8101ff 8101ff | has fields out of order, twice or unknown (element 3)
			an unknown tag                                   | 3006 0101ff 8401ff        | has fields out of order, twice or unknown (element 2)
			an explicit tag                                  | 3008 0101ff a1030101ff    | allowUnprotect is not a BOOLEAN: unexpected implicit constructed encoding
			no firmware hash flag                            | 3003 8101ff               | bindFirmwareHash is not a BOOLEAN
			an empty SEQUENCE                                | 3000                      | has 0 elements, not 1 to 5
			six elements                                     | 3012 0101ff 8101ff 8101ff 8101ff 8101ff 8101ff | has 6 elements, not 1 to 5
			an empty protection level                        | 3005 0101ff 8000          | are invalid: a protection level is named by a non-empty text UTF-8 can hold, not ''
			a protection level that is not UTF-8             | 3006 0101ff 8001ff        | protection is not valid UTF-8
			an unknown record placement                      | 300a 0101ff 820566 6c617368 | are invalid: a record placement is 'last-erase-unit' or 'otp', not 'flash'
			a record placement in capitals                   | 3008 0101ff 82034f5450    | are invalid: a record placement is 'last-erase-unit' or 'otp', not 'OTP'
			""")
	void everyOtherEncodingIsRefused(String description, String optionsHex, String reason) throws Exception {
		byte[] job = withOptions(HexFormat.of().parseHex(optionsHex.replace(" ", "")));
		TrustException refused = assertThrows(TrustException.class, () -> JobPackage.read(job, fixture.authority));
		assertEquals(WHAT + " " + reason, refused.getMessage(), description);
	}

	@Test
	void theTemplateSignedAgainIsAccepted() throws Exception {
		// so the refusals above are the options', not the re-signing's
		JobPackage read = JobPackage.read(withOptions(optionsOf(template)), fixture.authority);
		assertEquals(CmsFixture.OPTIONS, read.recordOptions());
		List<String> names = List.of(read.recordOptions().protection().get(), read.recordOptions().recordPlacement().get());
		assertEquals(List.of("level 1", "last-erase-unit"), names);
	}

	/** The DER of the recordOptions element of a job package's content. */
	private static byte[] optionsOf(byte[] job) throws Exception {
		return content(job).getObjectAt(6).toASN1Primitive().getEncoded(ASN1Encoding.DER);
	}

	private static ASN1Sequence content(byte[] job) throws Exception {
		ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(job));
		byte[] content = ASN1OctetString.getInstance(SignedData.getInstance(info.getContent()).getEncapContentInfo()
				.getContent()).getOctets();
		return ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(content));
	}

	/** The template with its options element replaced, signed by the authority as if it had issued it. */
	private static byte[] withOptions(byte[] optionsDer) throws Exception {
		ASN1Sequence content = content(template);
		ASN1EncodableVector fields = new ASN1EncodableVector();
		for (int i = 0; i < content.size(); i++) {
			ASN1Encodable field = i == 6 ? ASN1Primitive.fromByteArray(optionsDer) : content.getObjectAt(i);
			fields.add(field);
		}
		byte[] der = new DERSequence(fields).getEncoded(ASN1Encoding.DER);
		return SignedCms.sign(fixture.authoritySigner, MintageObjectIds.JOB_PACKAGE, der, fixture.now,
				"the job package");
	}

	private static String hex(String ascii) {
		return HexFormat.of().formatHex(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
	}
}
