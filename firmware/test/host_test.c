/*
 * Host unit tests of mintage_verify (make -C firmware check).
 *
 * Part 1 runs on the test vectors file (converted to build/vectors.h): the records are accepted,
 * and every single-bit change of either record, of the authority key, of the UID, of the product id
 * and of the firmware hash is refused with the error the check order of docs/formats.md predicts.
 * Part 2 builds records with BearSSL's signer and fixed test keys to reach the checks that come
 * after the signatures (serial range edges, UID padding, product of certificate vs record, ...).
 * Part 3 checks the anchor header compiled in (build/mintage_anchor.h, from ANCHOR_HEADER): 65
 * bytes, an uncompressed point, and either the vectors' authority key or, for a company's own
 * anchor, a key that refuses the vectors' records at the authority signature.
 * Last line of output: "N passed, M failed"; exit status 1 when anything failed.
 */
#include <stdio.h>
#include <string.h>

#include "mintage_verify.h"
#include "bearssl.h"
#include "mintage_anchor.h"
#include "vectors.h"

static unsigned passed, failed;

static void
expect(const char *what, long detail, int got, int want)
{
    if (got == want) {
        passed++;
    } else {
        failed++;
        if (failed <= 50) {
            printf("FAIL %s [%ld]: got %d (%s), want %d (%s)\n", what, detail,
                   got, mintage_result_name(got), want, mintage_result_name(want));
        }
    }
}

static uint32_t
le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static void
put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}

static int
is_zero(const uint8_t *p, size_t n)
{
    while (n-- > 0) {
        if (*p++ != 0) {
            return 0;
        }
    }
    return 1;
}

/*
 * The error a record that was valid before byte `off` was changed must give, from the field the
 * byte belongs to (docs/formats.md) and the check order. `rec` is the changed record.
 */
static int
predicted(const uint8_t *rec, size_t off, uint32_t product)
{
    const uint8_t *c = rec + 64;
    uint32_t first, count, serial;

    /* 1. format, with its detail */
    if (off < 4) return MINTAGE_FORMAT_RECORD_MAGIC;
    if (off == 4) return MINTAGE_FORMAT_RECORD_VERSION;
    if (off >= 64 && off < 68) return MINTAGE_FORMAT_CERT_MAGIC;
    if (off == 68) return MINTAGE_FORMAT_CERT_VERSION;
    if (rec[7] != 0 || !is_zero(c + 5, 3) || !is_zero(c + 109, 3)) return MINTAGE_FORMAT_RESERVED;
    if ((rec[6] & 0xFE) != 0) return MINTAGE_FORMAT_FLAGS;
    if ((rec[6] & 1) == 0 && !is_zero(rec + 32, 32)) return MINTAGE_FORMAT_FIRMWARE_HASH_FIELD;
    if (rec[5] < 1 || rec[5] > 16) return MINTAGE_FORMAT_UID_LENGTH;
    /* 2. everything else in the certificate is signed by the authority */
    if (off >= 64 && off < 240) return MINTAGE_ERR_AUTHORITY_SIGNATURE;
    /* 3., 4. are checked before the batch signature */
    if (le32(rec + 8) != product) return MINTAGE_ERR_PRODUCT;
    serial = le32(rec + 12); first = le32(c + 28); count = le32(c + 32);
    if (serial < first || serial - first >= count) return MINTAGE_ERR_SERIAL_RANGE;
    /* 5. everything else in 0..303 is covered by the batch signature */
    return MINTAGE_ERR_BATCH_SIGNATURE;
}

static void
bit_flips(const char *name, const uint8_t *good, const uint8_t *uid, size_t uid_len,
          const uint8_t *fw)
{
    uint8_t rec[MINTAGE_RECORD_LEN];
    unsigned before = failed;
    size_t off;
    int bit, want;

    for (off = 0; off < MINTAGE_RECORD_LEN; off++) {
        for (bit = 0; bit < 8; bit++) {
            memcpy(rec, good, sizeof rec);
            rec[off] ^= (uint8_t)(1u << bit);
            want = predicted(rec, off, VEC_PRODUCT_ID);
            expect(name, (long)(off * 8 + bit),
                   mintage_verify(rec, sizeof rec, uid, uid_len, VEC_PRODUCT_ID,
                                  vec_authority_public_key, fw),
                   want <= MINTAGE_FORMAT_RECORD_MAGIC ? MINTAGE_ERR_FORMAT : want);
            expect(name, (long)(off * 8 + bit), mintage_format_detail(rec, sizeof rec),
                   want <= MINTAGE_FORMAT_RECORD_MAGIC ? want : MINTAGE_FORMAT_OK);
        }
    }
    printf("%-44s %s\n", name, failed == before ? "ok" : "FAILED");
}

static void
vector_tests(void)
{
    uint8_t buf[MINTAGE_RECORD_LEN + 1], uid[MINTAGE_UID_MAX + 4], key[65], fw[32];
    const uint8_t *r = vec_record, *rf = vec_record_with_firmware_hash;
    const uint8_t *k = vec_authority_public_key;
    size_t ul = VEC_LEN_uid, i;
    unsigned before = failed;
    uint32_t p = VEC_PRODUCT_ID;

    printf("vectors: %s\n", VEC_SOURCE);
    expect("vector lengths", 0, VEC_LEN_record == 304 && VEC_LEN_record_with_firmware_hash == 304
           && VEC_LEN_batch_certificate == 176 && VEC_LEN_authority_public_key == 65
           && VEC_LEN_firmware_sha256 == 32 && VEC_LEN_uid >= 1 && VEC_LEN_uid <= 16, 1);
    if (VEC_LEN_record != 304 || VEC_LEN_record_with_firmware_hash != 304 || VEC_LEN_uid > 16) {
        return;
    }
    expect("batch_certificate is record bytes 64..239", 0,
           memcmp(r + 64, vec_batch_certificate, 176) == 0 && memcmp(rf + 64, vec_batch_certificate, 176) == 0, 1);

    expect("record accepted", 0, mintage_verify(r, 304, vec_uid, ul, p, k, NULL), MINTAGE_OK);
    expect("record accepted, hash given", 0,
           mintage_verify(r, 304, vec_uid, ul, p, k, vec_firmware_sha256), MINTAGE_OK);
    expect("record+hash accepted", 0,
           mintage_verify(rf, 304, vec_uid, ul, p, k, vec_firmware_sha256), MINTAGE_OK);
    expect("record+hash, hash not given", 0,
           mintage_verify(rf, 304, vec_uid, ul, p, k, NULL), MINTAGE_ERR_FIRMWARE_HASH_NOT_GIVEN);
    for (i = 0; i < 256; i++) {
        memcpy(fw, vec_firmware_sha256, 32);
        fw[i / 8] ^= (uint8_t)(1u << (i % 8));
        expect("record+hash, wrong firmware hash", (long)i,
               mintage_verify(rf, 304, vec_uid, ul, p, k, fw), MINTAGE_ERR_FIRMWARE_HASH);
    }

#if defined VEC_HAVE_record_uid16 && defined VEC_HAVE_uid16
    expect("record_uid16 accepted", 0,
           mintage_verify(vec_record_uid16, VEC_LEN_record_uid16, vec_uid16, VEC_LEN_uid16, p, k, NULL), MINTAGE_OK);
    expect("record_uid16, 12-byte UID", 0,
           mintage_verify(vec_record_uid16, VEC_LEN_record_uid16, vec_uid16, 12, p, k, NULL), MINTAGE_ERR_DEVICE_UID);
    expect("record_uid16, other chip's UID", 0,
           mintage_verify(vec_record_uid16, VEC_LEN_record_uid16, vec_uid, ul, p, k, NULL), MINTAGE_ERR_DEVICE_UID);
#endif

    /* UID: every bit of the counted bytes; longer chip UIDs are fine, shorter ones are not */
    memset(uid, 0xA5, sizeof uid);
    memcpy(uid, vec_uid, ul);
    expect("longer chip UID accepted", 0, mintage_verify(r, 304, uid, ul + 4, p, k, NULL), MINTAGE_OK);
    expect("shorter chip UID", 0, mintage_verify(r, 304, uid, ul - 1, p, k, NULL),
           ul > 1 ? MINTAGE_ERR_DEVICE_UID : MINTAGE_ERR_LENGTH);
    for (i = 0; i < ul * 8; i++) {
        memcpy(uid, vec_uid, ul);
        uid[i / 8] ^= (uint8_t)(1u << (i % 8));
        expect("wrong UID", (long)i, mintage_verify(r, 304, uid, ul, p, k, NULL), MINTAGE_ERR_DEVICE_UID);
        expect("wrong UID (record+hash)", (long)i,
               mintage_verify(rf, 304, uid, ul, p, k, vec_firmware_sha256), MINTAGE_ERR_DEVICE_UID);
    }

    /* product id compiled into the firmware */
    for (i = 0; i < 32; i++) {
        expect("wrong product", (long)i,
               mintage_verify(r, 304, vec_uid, ul, p ^ (1u << i), k, NULL), MINTAGE_ERR_PRODUCT);
    }
    expect("product 0", 0, mintage_verify(r, 304, vec_uid, ul, 0, k, NULL), MINTAGE_ERR_PRODUCT);

    /* authority key: every bit */
    for (i = 0; i < 65 * 8; i++) {
        memcpy(key, k, 65);
        key[i / 8] ^= (uint8_t)(1u << (i % 8));
        expect("wrong authority key", (long)i, mintage_verify(r, 304, vec_uid, ul, p, key, NULL),
               MINTAGE_ERR_AUTHORITY_SIGNATURE);
    }

    /* lengths and arguments */
    memcpy(buf, r, 304);
    buf[304] = 0;
    for (i = 0; i < 304; i += (i < 8 ? 1 : 37)) {
        expect("short buffer", (long)i, mintage_verify(buf, i, vec_uid, ul, p, k, NULL), MINTAGE_ERR_LENGTH);
    }
    expect("short buffer", 303, mintage_verify(buf, 303, vec_uid, ul, p, k, NULL), MINTAGE_ERR_LENGTH);
    expect("long buffer", 305, mintage_verify(buf, 305, vec_uid, ul, p, k, NULL), MINTAGE_ERR_LENGTH);
    expect("NULL record", 0, mintage_verify(NULL, 304, vec_uid, ul, p, k, NULL), MINTAGE_ERR_LENGTH);
    expect("NULL uid", 0, mintage_verify(r, 304, NULL, ul, p, k, NULL), MINTAGE_ERR_LENGTH);
    expect("empty uid", 0, mintage_verify(r, 304, vec_uid, 0, p, k, NULL), MINTAGE_ERR_LENGTH);
    expect("NULL key", 0, mintage_verify(r, 304, vec_uid, ul, p, NULL, NULL), MINTAGE_ERR_LENGTH);
    printf("%-44s %s\n", "vector records, UID, product, key, lengths", failed == before ? "ok" : "FAILED");

    bit_flips("bit flips of record (304*8)", r, vec_uid, ul, NULL);
    bit_flips("bit flips of record_with_firmware_hash", rf, vec_uid, ul, vec_firmware_sha256);
#if defined VEC_HAVE_record_uid16 && defined VEC_HAVE_uid16
    if (VEC_LEN_record_uid16 == 304 && VEC_LEN_uid16 == 16) {
        bit_flips("bit flips of record_uid16", vec_record_uid16, vec_uid16, 16, NULL);
    }
#endif
}

/* ---- part 2: records signed here, with fixed test keys ---- */

static uint8_t auth_sk[32], batch_sk[32], other_sk[32];
static uint8_t auth_pub[65], batch_pub[65], other_pub[65];

static void
make_key(uint8_t sk[32], uint8_t pub[65], uint8_t seed)
{
    br_ec_private_key k;
    br_ec_public_key pk;
    uint8_t kbuf[BR_EC_KBUF_PUB_MAX_SIZE];
    int i;

    for (i = 0; i < 32; i++) {
        sk[i] = (uint8_t)(seed * 7 + i * 13 + 1);
    }
    sk[0] &= 0x7F;   /* below the group order */
    k.curve = BR_EC_secp256r1; k.x = sk; k.xlen = 32;
    if (br_ec_compute_pub(&br_ec_p256_m15, &pk, kbuf, &k) != 65) {
        printf("FAIL key generation\n");
        failed++;
    }
    memcpy(pub, pk.q, 65);
}

static void
sign(const uint8_t sk[32], const uint8_t *msg, size_t len, uint8_t sig[64])
{
    br_ec_private_key k;
    br_sha256_context c;
    uint8_t h[32];

    br_sha256_init(&c); br_sha256_update(&c, msg, len); br_sha256_out(&c, h);
    k.curve = BR_EC_secp256r1; k.x = (unsigned char *)sk; k.xlen = 32;
    if (br_ecdsa_i15_sign_raw(&br_ec_p256_m15, &br_sha256_vtable, h, &k, sig) != 64) {
        printf("FAIL signing\n");
        failed++;
    }
}

struct spec {
    uint32_t product, cert_product, serial, first, count;
    uint8_t uid_length, flags, uid[16];
    uint8_t fw[32];
    const uint8_t *cert_signer, *batch_pub, *rec_signer;
};

static const uint8_t chip_uid[16] = {
    0x31, 0x00, 0x47, 0x00, 0x0e, 0x51, 0x34, 0x33, 0x37, 0x38, 0x38, 0x32, 0x77, 0x88, 0x99, 0xaa
};
static const uint8_t fw_hash[32] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                     17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 };
#define PRODUCT 0x00C0FFEEu

static struct spec
base_spec(void)
{
    struct spec s;

    memset(&s, 0, sizeof s);
    s.product = s.cert_product = PRODUCT;
    s.first = 100; s.count = 10; s.serial = 105;
    s.uid_length = 12;
    memcpy(s.uid, chip_uid, 12);
    s.cert_signer = auth_sk; s.batch_pub = batch_pub; s.rec_signer = batch_sk;
    return s;
}

static void
build(const struct spec *s, uint8_t rec[304])
{
    uint8_t *c = rec + 64;

    memset(rec, 0, 304);
    memcpy(rec, "MTDR", 4); rec[4] = 1; rec[5] = s->uid_length; rec[6] = s->flags;
    put_le32(rec + 8, s->product); put_le32(rec + 12, s->serial);
    memcpy(rec + 16, s->uid, 16);
    memcpy(rec + 32, s->fw, 32);
    memcpy(c, "MTBC", 4); c[4] = 1;
    memset(c + 8, 0x5A, 16);
    put_le32(c + 24, s->cert_product); put_le32(c + 28, s->first); put_le32(c + 32, s->count);
    put_le32(c + 36, 1893456000u);
    memcpy(c + 44, s->batch_pub, 65);
    sign(s->cert_signer, c, 112, c + 112);
    sign(s->rec_signer, rec, 240, rec + 240);
}

static void
case_(const char *what, const struct spec *s, size_t uid_len, const uint8_t *fw, int want)
{
    uint8_t rec[304];

    build(s, rec);
    expect(what, 0, mintage_verify(rec, 304, chip_uid, uid_len, PRODUCT, auth_pub, fw), want);
}

static void
signed_tests(void)
{
    struct spec s;
    uint8_t bad_point[65];
    unsigned before = failed;

    make_key(auth_sk, auth_pub, 1);
    make_key(batch_sk, batch_pub, 2);
    make_key(other_sk, other_pub, 3);

    s = base_spec(); case_("built record accepted", &s, 12, NULL, MINTAGE_OK);
    s = base_spec(); s.serial = 100; case_("serial = first", &s, 12, NULL, MINTAGE_OK);
    s = base_spec(); s.serial = 109; case_("serial = first+count-1", &s, 12, NULL, MINTAGE_OK);
    s = base_spec(); s.serial = 110; case_("serial = first+count", &s, 12, NULL, MINTAGE_ERR_SERIAL_RANGE);
    s = base_spec(); s.serial = 99; case_("serial = first-1", &s, 12, NULL, MINTAGE_ERR_SERIAL_RANGE);
    s = base_spec(); s.count = 0; s.serial = 100; case_("count 0", &s, 12, NULL, MINTAGE_ERR_SERIAL_RANGE);
    s = base_spec(); s.first = 0xFFFFFFFFu; s.count = 1; s.serial = 0xFFFFFFFFu;
    case_("range ending at 2^32", &s, 12, NULL, MINTAGE_OK);
    s = base_spec(); s.first = 0xFFFFFFFFu; s.count = 2; s.serial = 0xFFFFFFFFu;
    case_("range passing 2^32", &s, 12, NULL, MINTAGE_ERR_SERIAL_RANGE);
    s = base_spec(); s.first = 0; s.count = 0xFFFFFFFFu; s.serial = 0xFFFFFFFEu;
    case_("range 0..2^32-2", &s, 12, NULL, MINTAGE_OK);
    s = base_spec(); s.cert_product = PRODUCT + 1; case_("certificate product differs", &s, 12, NULL, MINTAGE_ERR_PRODUCT);
    s = base_spec(); s.product = PRODUCT + 1; case_("record product differs", &s, 12, NULL, MINTAGE_ERR_PRODUCT);
    s = base_spec(); s.product = s.cert_product = PRODUCT + 1;
    case_("both products differ from firmware", &s, 12, NULL, MINTAGE_ERR_PRODUCT);
    s = base_spec(); s.uid_length = 16; memcpy(s.uid, chip_uid, 16); case_("uid_length 16", &s, 16, NULL, MINTAGE_OK);
    s = base_spec(); s.uid_length = 1; memset(s.uid + 1, 0, 15); case_("uid_length 1", &s, 12, NULL, MINTAGE_OK);
    s = base_spec(); s.uid[12] = 1; case_("UID padding not zero", &s, 16, NULL, MINTAGE_ERR_DEVICE_UID);
    s = base_spec(); s.uid[15] = 0x80; case_("UID padding not zero (last)", &s, 16, NULL, MINTAGE_ERR_DEVICE_UID);
    s = base_spec(); case_("chip UID shorter than uid_length", &s, 11, NULL, MINTAGE_ERR_DEVICE_UID);
    s = base_spec(); s.uid_length = 0; case_("uid_length 0", &s, 12, NULL, MINTAGE_ERR_FORMAT);
    s = base_spec(); s.uid_length = 17; case_("uid_length 17", &s, 16, NULL, MINTAGE_ERR_FORMAT);
    s = base_spec(); s.flags = 1; memcpy(s.fw, fw_hash, 32); case_("firmware hash ok", &s, 12, fw_hash, MINTAGE_OK);
    s = base_spec(); s.flags = 1; case_("firmware hash zero vs real", &s, 12, fw_hash, MINTAGE_ERR_FIRMWARE_HASH);
    s = base_spec(); s.flags = 1; memcpy(s.fw, fw_hash, 32); case_("firmware hash not given", &s, 12, NULL, MINTAGE_ERR_FIRMWARE_HASH_NOT_GIVEN);
    s = base_spec(); memcpy(s.fw, fw_hash, 32); case_("hash field set without flag", &s, 12, fw_hash, MINTAGE_ERR_FORMAT);
    s = base_spec(); s.flags = 2; case_("undefined flag bit", &s, 12, NULL, MINTAGE_ERR_FORMAT);
    s = base_spec(); s.cert_signer = other_sk; case_("certificate by another key", &s, 12, NULL, MINTAGE_ERR_AUTHORITY_SIGNATURE);
    s = base_spec(); s.rec_signer = auth_sk; case_("record signed by authority key", &s, 12, NULL, MINTAGE_ERR_BATCH_SIGNATURE);
    s = base_spec(); s.batch_pub = other_pub; case_("record by a key not certified", &s, 12, NULL, MINTAGE_ERR_BATCH_SIGNATURE);
    memcpy(bad_point, batch_pub, 65); bad_point[64] ^= 1;
    s = base_spec(); s.batch_pub = bad_point; case_("batch key not on the curve", &s, 12, NULL, MINTAGE_ERR_BATCH_SIGNATURE);
    memcpy(bad_point, batch_pub, 65); bad_point[0] = 0x02;
    s = base_spec(); s.batch_pub = bad_point; case_("batch key not uncompressed", &s, 12, NULL, MINTAGE_ERR_BATCH_SIGNATURE);
    /* order: the first failing check decides */
    s = base_spec(); s.product = PRODUCT + 1; s.serial = 5; s.rec_signer = other_sk; s.uid[0] ^= 1;
    case_("product+serial+signature+uid: product first", &s, 12, NULL, MINTAGE_ERR_PRODUCT);
    s = base_spec(); s.serial = 5; s.rec_signer = other_sk; s.uid[0] ^= 1;
    case_("serial+signature+uid: serial first", &s, 12, NULL, MINTAGE_ERR_SERIAL_RANGE);
    s = base_spec(); s.rec_signer = other_sk; s.uid[0] ^= 1; s.flags = 1;
    case_("signature+uid+hash: signature first", &s, 12, fw_hash, MINTAGE_ERR_BATCH_SIGNATURE);
    s = base_spec(); s.uid[0] ^= 1; s.flags = 1; case_("uid+hash: uid first", &s, 12, fw_hash, MINTAGE_ERR_DEVICE_UID);
    s = base_spec(); s.cert_signer = other_sk; s.product = 7; s.uid_length = 20;
    case_("uid_length before authority signature", &s, 12, NULL, MINTAGE_ERR_FORMAT);
    s = base_spec(); s.cert_signer = other_sk; s.product = 7;
    case_("authority signature before product", &s, 12, NULL, MINTAGE_ERR_AUTHORITY_SIGNATURE);
    printf("%-44s %s\n", "records signed by the test (edge cases)", failed == before ? "ok" : "FAILED");
}

/* ---- part 3: the anchor header the firmware compiles in ---- */
static void
anchor_tests(void)
{
    unsigned before = failed;
    int same = sizeof mintage_authority_key == 65
               && memcmp(mintage_authority_key, vec_authority_public_key, 65) == 0;

    expect("anchor key is 65 bytes", 0, sizeof mintage_authority_key == MINTAGE_PUBLIC_KEY_LEN, 1);
    expect("anchor key is an uncompressed point", 0, mintage_authority_key[0] == 0x04, 1);
    expect("anchor key and the vectors' record", 0,
           mintage_verify(vec_record, VEC_LEN_record, vec_uid, VEC_LEN_uid, VEC_PRODUCT_ID,
                          mintage_authority_key, NULL),
           same ? MINTAGE_OK : MINTAGE_ERR_AUTHORITY_SIGNATURE);
    printf("%-44s %s\n", same ? "anchor header (the vectors' authority key)"
                              : "anchor header (another authority's key)",
           failed == before ? "ok" : "FAILED");
}

int
main(void)
{
    vector_tests();
    signed_tests();
    anchor_tests();
    expect("result names", 0, strcmp(mintage_result_name(MINTAGE_ERR_LENGTH), "length") == 0
           && strcmp(mintage_result_name(MINTAGE_ERR_SERIAL_RANGE), "serial-range") == 0
           && strcmp(mintage_result_name(MINTAGE_ERR_DEVICE_UID), "device-uid") == 0
           && strcmp(mintage_result_name(MINTAGE_FORMAT_UID_LENGTH), "format: uid_length") == 0
           && strcmp(mintage_result_name(-8), "unknown") == 0
           && strcmp(mintage_result_name(1), "unknown") == 0, 1);
    if (failed > 50) {
        printf("(%u more failures not shown)\n", failed - 50);
    }
    printf("%u passed, %u failed\n", passed, failed);
    return failed != 0;
}
