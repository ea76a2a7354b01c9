/*
 * Mintage device-side record verifier: see include/mintage_verify.h and docs/formats.md.
 *
 * Written for small Cortex-M parts: no heap, no static state, byte-wise reads (Cortex-M0 faults on
 * unaligned accesses), SHA-256 and ECDSA from BearSSL (fetched at build time, never committed).
 */
#include "mintage_verify.h"

#include "bearssl_hash.h"
#include "bearssl_ec.h"

/* Device record v1 layout (docs/formats.md) */
#define REC_MAGIC        0
#define REC_VERSION      4
#define REC_UID_LENGTH   5
#define REC_FLAGS        6
#define REC_RESERVED     7
#define REC_PRODUCT_ID   8
#define REC_SERIAL      12
#define REC_UID         16
#define REC_FW_HASH     32
#define REC_CERT        64
#define REC_SIGNED_LEN 240
#define REC_SIGNATURE  240

#define REC_FLAG_FW_HASH 0x01u

/* Batch certificate v1 layout, offsets inside the certificate */
#define CERT_MAGIC          0
#define CERT_VERSION        4
#define CERT_RESERVED1      5   /* 3 bytes */
#define CERT_PRODUCT_ID    24
#define CERT_SERIAL_FIRST  28
#define CERT_SERIAL_COUNT  32
#define CERT_BATCH_KEY     44
#define CERT_RESERVED2    109   /* 3 bytes */
#define CERT_SIGNED_LEN   112
#define CERT_SIGNATURE    112

#define SIGNATURE_LEN 64

static uint32_t
read_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* 1 when all n bytes are zero */
static int
all_zero(const uint8_t *p, size_t n)
{
    uint8_t acc = 0;

    while (n-- > 0) {
        acc |= *p++;
    }
    return acc == 0;
}

/* 1 when the n bytes at a and b are equal; the time does not depend on where they differ */
static int
same_bytes(const uint8_t *a, const uint8_t *b, size_t n)
{
    uint8_t acc = 0;

    while (n-- > 0) {
        acc |= (uint8_t)(*a++ ^ *b++);
    }
    return acc == 0;
}

void
mintage_sha256(const void *data, size_t len, uint8_t out[MINTAGE_SHA256_LEN])
{
    br_sha256_context ctx;

    br_sha256_init(&ctx);
    br_sha256_update(&ctx, data, len);
    br_sha256_out(&ctx, out);
}

/*
 * 1 when sig (raw r || s) is a valid ECDSA P-256 / SHA-256 signature of the len bytes at msg by the
 * SEC1 uncompressed point key (BearSSL rejects a key that is not a valid point). Kept out of line so
 * the SHA-256 context is dead before the (stack-hungry) ECDSA code runs.
 */
static __attribute__((noinline)) int
signature_ok(const uint8_t *key, const uint8_t *msg, size_t len, const uint8_t *sig)
{
    uint8_t hash[MINTAGE_SHA256_LEN];
    br_ec_public_key pk;

    mintage_sha256(msg, len, hash);
    pk.curve = BR_EC_secp256r1;
    pk.q = (unsigned char *)(uintptr_t)key;   /* BearSSL only reads it */
    pk.qlen = MINTAGE_PUBLIC_KEY_LEN;
    return br_ecdsa_i15_vrfy_raw(&br_ec_p256_m15, hash, sizeof hash, &pk, sig, SIGNATURE_LEN) == 1;
}

/* check 1: structure. MINTAGE_FORMAT_OK or the MINTAGE_FORMAT_* code of the first part failed */
static int
format_check(const uint8_t *record)
{
    const uint8_t *cert = record + REC_CERT;
    uint8_t uid_length = record[REC_UID_LENGTH];
    uint8_t flags = record[REC_FLAGS];

    if (record[0] != 'M' || record[1] != 'T' || record[2] != 'D' || record[3] != 'R') {
        return MINTAGE_FORMAT_RECORD_MAGIC;
    }
    if (record[REC_VERSION] != 1) {
        return MINTAGE_FORMAT_RECORD_VERSION;
    }
    if (cert[0] != 'M' || cert[1] != 'T' || cert[2] != 'B' || cert[3] != 'C') {
        return MINTAGE_FORMAT_CERT_MAGIC;
    }
    if (cert[CERT_VERSION] != 1) {
        return MINTAGE_FORMAT_CERT_VERSION;
    }
    if (record[REC_RESERVED] != 0 || !all_zero(cert + CERT_RESERVED1, 3)
            || !all_zero(cert + CERT_RESERVED2, 3)) {
        return MINTAGE_FORMAT_RESERVED;
    }
    if ((flags & ~REC_FLAG_FW_HASH) != 0) {
        return MINTAGE_FORMAT_FLAGS;
    }
    if ((flags & REC_FLAG_FW_HASH) == 0 && !all_zero(record + REC_FW_HASH, MINTAGE_SHA256_LEN)) {
        return MINTAGE_FORMAT_FIRMWARE_HASH_FIELD;
    }
    if (uid_length < 1 || uid_length > MINTAGE_UID_MAX) {
        return MINTAGE_FORMAT_UID_LENGTH;
    }
    return MINTAGE_FORMAT_OK;
}

int
mintage_format_detail(const uint8_t *record, size_t record_len)
{
    if (record == NULL || record_len != MINTAGE_RECORD_LEN) {
        return MINTAGE_ERR_LENGTH;
    }
    return format_check(record);
}

int
mintage_verify(const uint8_t *record, size_t record_len,
               const uint8_t *chip_uid, size_t chip_uid_len,
               uint32_t expected_product_id,
               const uint8_t authority_public_key[MINTAGE_PUBLIC_KEY_LEN],
               const uint8_t *firmware_sha256)
{
    const uint8_t *cert;
    uint8_t uid_length;
    uint32_t serial, first, count;

    if (record == NULL || record_len != MINTAGE_RECORD_LEN || chip_uid == NULL || chip_uid_len == 0
            || authority_public_key == NULL) {
        return MINTAGE_ERR_LENGTH;
    }
    cert = record + REC_CERT;
    uid_length = record[REC_UID_LENGTH];

    /* 1. format: magic and version of record and certificate, reserved bytes, flags, uid_length */
    if (format_check(record) != MINTAGE_FORMAT_OK) {
        return MINTAGE_ERR_FORMAT;
    }

    /* 2. the authority's signature over certificate bytes 0..111 */
    if (!signature_ok(authority_public_key, cert, CERT_SIGNED_LEN, cert + CERT_SIGNATURE)) {
        return MINTAGE_ERR_AUTHORITY_SIGNATURE;
    }

    /* 3. one product id in record, certificate and firmware */
    if (read_le32(record + REC_PRODUCT_ID) != expected_product_id
            || read_le32(cert + CERT_PRODUCT_ID) != expected_product_id) {
        return MINTAGE_ERR_PRODUCT;
    }

    /* 4. serial_first <= serial < serial_first + serial_count, with 1 <= count <= 2^32 - first */
    serial = read_le32(record + REC_SERIAL);
    first = read_le32(cert + CERT_SERIAL_FIRST);
    count = read_le32(cert + CERT_SERIAL_COUNT);
    if (count == 0 || count - 1u > UINT32_MAX - first   /* range empty, or passes 2^32 */
            || serial < first || serial - first >= count) {
        return MINTAGE_ERR_SERIAL_RANGE;
    }

    /* 5. the batch key's signature over record bytes 0..239 */
    if (!signature_ok(cert + CERT_BATCH_KEY, record, REC_SIGNED_LEN, record + REC_SIGNATURE)) {
        return MINTAGE_ERR_BATCH_SIGNATURE;
    }

    /* 6. this chip: the first uid_length bytes equal the chip's UID, the padding is zero */
    if (chip_uid_len < uid_length || !same_bytes(record + REC_UID, chip_uid, uid_length)
            || !all_zero(record + REC_UID + uid_length, MINTAGE_UID_MAX - uid_length)) {
        return MINTAGE_ERR_DEVICE_UID;
    }

    /* 7. this firmware, when the record names it */
    if ((record[REC_FLAGS] & REC_FLAG_FW_HASH) != 0) {
        if (firmware_sha256 == NULL) {
            return MINTAGE_ERR_FIRMWARE_HASH_NOT_GIVEN;
        }
        if (!same_bytes(record + REC_FW_HASH, firmware_sha256, MINTAGE_SHA256_LEN)) {
            return MINTAGE_ERR_FIRMWARE_HASH;
        }
    }
    return MINTAGE_OK;
}

const char *
mintage_result_name(int result)
{
    static const char *const checks[] = {
        "ok", "format", "authority-signature", "product", "serial-range", "batch-signature",
        "device-uid", "firmware-hash"
    };
    static const char *const format[] = {
        "format: record magic", "format: record version", "format: certificate magic",
        "format: certificate version", "format: reserved byte", "format: flags",
        "format: firmware_hash without flag", "format: uid_length"
    };

    if (result <= 0 && result >= MINTAGE_ERR_FIRMWARE_HASH) {
        return checks[-result];
    }
    if (result == MINTAGE_ERR_LENGTH) {
        return "length";
    }
    if (result == MINTAGE_ERR_FIRMWARE_HASH_NOT_GIVEN) {
        return "firmware-hash-not-given";
    }
    if (result <= MINTAGE_FORMAT_RECORD_MAGIC && result >= MINTAGE_FORMAT_UID_LENGTH) {
        return format[MINTAGE_FORMAT_RECORD_MAGIC - result];
    }
    return "unknown";
}
