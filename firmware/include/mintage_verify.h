/*
 * Mintage device-side record verifier.
 *
 * A Mintage device record (304 bytes, docs/formats.md "Device record, version 1") carries a batch
 * certificate signed by the authority and is itself signed by the batch key over the chip's unique
 * ID. Firmware calls mintage_verify() at boot and refuses to run unless it returns MINTAGE_OK.
 *
 * ECDSA P-256 / SHA-256 through BearSSL (br_ecdsa_i15_vrfy_raw, br_ec_p256_m15: constant-time,
 * no unaligned accesses, fits Cortex-M0). The verifier keeps no state, allocates nothing and reads
 * all multi-byte fields byte by byte, so the record may sit at any address (flash, OTP, RAM).
 */
#ifndef MINTAGE_VERIFY_H
#define MINTAGE_VERIFY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MINTAGE_RECORD_LEN      304u   /* device record, version 1 */
#define MINTAGE_BATCH_CERT_LEN  176u   /* batch certificate, version 1 (record bytes 64..239) */
#define MINTAGE_UID_MAX         16u    /* largest uid_length */
#define MINTAGE_PUBLIC_KEY_LEN  65u    /* SEC1 uncompressed P-256 point: 04 || X || Y */
#define MINTAGE_SHA256_LEN      32u

/*
 * Results of mintage_verify(). 0 is success. A refused record gives minus the number of the first
 * check it failed, in the order of docs/formats.md: -1 format ... -7 firmware-hash. These numbers
 * are the persisted step numbers of the "Check names" table of docs/formats.md (Java:
 * io.mintage.trust.RecordCheck.step()), so a code read from a device names the same check as the
 * station's reports. Check 8 (not-after) is the station's alone. Codes below -15 are not checks of
 * the record but mistakes of the caller.
 */
enum mintage_result {
    MINTAGE_OK                      =   0,
    MINTAGE_ERR_FORMAT              =  -1,  /* 1 format: see mintage_format_detail() for which part */
    MINTAGE_ERR_AUTHORITY_SIGNATURE =  -2,  /* 2 authority-signature (also: the compiled-in
                                               authority key is not a valid P-256 point) */
    MINTAGE_ERR_PRODUCT             =  -3,  /* 3 product: record, certificate and firmware differ */
    MINTAGE_ERR_SERIAL_RANGE        =  -4,  /* 4 serial-range: serial outside [serial_first,
                                               serial_first + serial_count), or the certified range
                                               is empty or passes 2^32 */
    MINTAGE_ERR_BATCH_SIGNATURE     =  -5,  /* 5 batch-signature (also: batch_public_key is not a
                                               valid uncompressed P-256 point) */
    MINTAGE_ERR_DEVICE_UID          =  -6,  /* 6 device-uid: uid differs from the chip's, its
                                               padding is not zero, or the chip UID given is
                                               shorter than uid_length */
    MINTAGE_ERR_FIRMWARE_HASH       =  -7,  /* 7 firmware-hash: flag bit 0 set and firmware_hash is
                                               not firmware_sha256 */
    /* caller mistakes (not record checks) */
    MINTAGE_ERR_LENGTH              = -16,  /* record_len != 304, a required pointer is NULL, or
                                               chip_uid_len is 0 */
    MINTAGE_ERR_FIRMWARE_HASH_NOT_GIVEN = -17  /* flag bit 0 set but firmware_sha256 was NULL */
};

/*
 * Which part of check 1 (format) a record fails, each with its own code, in the order they are
 * checked. Returned by mintage_format_detail(); mintage_verify() reports all of them as
 * MINTAGE_ERR_FORMAT.
 */
enum mintage_format_detail {
    MINTAGE_FORMAT_OK               =   0,
    MINTAGE_FORMAT_RECORD_MAGIC     = -33,  /* record bytes 0..3 are not "MTDR" */
    MINTAGE_FORMAT_RECORD_VERSION   = -34,  /* record version is not 1 */
    MINTAGE_FORMAT_CERT_MAGIC       = -35,  /* certificate bytes 0..3 are not "MTBC" */
    MINTAGE_FORMAT_CERT_VERSION     = -36,  /* certificate version is not 1 */
    MINTAGE_FORMAT_RESERVED         = -37,  /* a reserved byte (record 7, certificate 5..7 and
                                               109..111) is not zero */
    MINTAGE_FORMAT_FLAGS            = -38,  /* a flag bit other than bit 0 is set */
    MINTAGE_FORMAT_FIRMWARE_HASH_FIELD = -39, /* flag bit 0 clear but firmware_hash not all zero */
    MINTAGE_FORMAT_UID_LENGTH       = -40   /* uid_length outside 1..16 */
};

/*
 * Verify a device record for this chip.
 *
 *   record, record_len     the record as stored on the chip (record_len must be MINTAGE_RECORD_LEN)
 *   chip_uid, chip_uid_len the chip's unique ID as read from its memory (e.g. 12 bytes on STM32,
 *                          16 on LPC11C24); only its first uid_length bytes (from the record) count
 *   expected_product_id    the product id compiled into the firmware
 *   authority_public_key   the authority key compiled into the firmware (65 bytes, 04 || X || Y)
 *   firmware_sha256        SHA-256 the firmware computed over itself, or NULL. When the record's
 *                          flag bit 0 is set this is required (NULL gives
 *                          MINTAGE_ERR_FIRMWARE_HASH_NOT_GIVEN); when the flag is clear it is
 *                          ignored (the record does not bind the firmware).
 *
 * Returns MINTAGE_OK (0) only when every check of docs/formats.md passed, otherwise minus the
 * number of the first check that failed (or a caller-mistake code). Stack: 3.7 KB on Cortex-M0
 * (see README.md). Reentrant: no static state.
 */
int mintage_verify(const uint8_t *record, size_t record_len,
                   const uint8_t *chip_uid, size_t chip_uid_len,
                   uint32_t expected_product_id,
                   const uint8_t authority_public_key[MINTAGE_PUBLIC_KEY_LEN],
                   const uint8_t *firmware_sha256);

/*
 * SHA-256 of len bytes at data (e.g. the firmware's own span in flash, for firmware_sha256 above;
 * the record area must lie outside that span). Provided so that firmware reuses the verifier's
 * SHA-256 code instead of linking a second one.
 */
void mintage_sha256(const void *data, size_t len, uint8_t out[MINTAGE_SHA256_LEN]);

/*
 * Check 1 alone, with its detail: MINTAGE_FORMAT_OK, a MINTAGE_FORMAT_* code, or MINTAGE_ERR_LENGTH.
 * For diagnostics (e.g. a factory test reading why a record was refused); no cryptography.
 */
int mintage_format_detail(const uint8_t *record, size_t record_len);

/*
 * Name of a result or format-detail code: the check names of docs/formats.md ("format",
 * "authority-signature", ..., "firmware-hash"), "ok", "length", "firmware-hash-not-given",
 * "format: record magic" ...; "unknown" for anything else.
 */
const char *mintage_result_name(int result);

#ifdef __cplusplus
}
#endif

#endif /* MINTAGE_VERIFY_H */
