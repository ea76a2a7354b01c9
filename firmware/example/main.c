/*
 * Example firmware for QEMU: checks the Mintage device record the way a product's boot code would,
 * then reports the result through semihosting and exits with status -result (0 = record valid).
 *
 * The record and the chip UID are not part of this image: as on a real device they are data of
 * the chip. RECORD_ADDR is where the record is stored (the last flash page or sector; QEMU's
 * "-device loader" puts it there) and UID_ADDR is where the UID is read. A real STM32 reads its UID
 * registers (F0 0x1FFFF7AC, F1 0x1FFFF7E8, F4 0x1FFF7A10; LPC11C24 through the IAP call); QEMU maps
 * none of them, so here UID_ADDR is a configurable RAM (or flash) address loaded by QEMU.
 *
 * The authority key comes from the anchor header, as in a product: `mintage admin export-anchor
 * --c-header` writes it, the Makefile's ANCHOR_HEADER picks it (by default the TEST authority's,
 * docs/test-vectors/authority-anchor.h). The product id comes from the test vectors, and
 * FIRMWARE_SHA256 stands in for the hash the firmware computes over itself with mintage_sha256():
 * the test vectors' firmware image is not this one.
 */
#include <stdint.h>

#include "mintage_anchor.h"
#include "mintage_verify.h"
#include "semihost.h"
#include "vectors.h"

#ifndef RECORD_ADDR
#error "define RECORD_ADDR (address of the device record)"
#endif
#ifndef UID_ADDR
#error "define UID_ADDR (address of the chip's unique ID)"
#endif
#ifndef UID_LEN
#define UID_LEN VEC_LEN_uid
#endif

#define STACK_PAINT 0xA5C3A5C3u

extern uint32_t _stack_limit[];

static const uint8_t *const authority_key = mintage_authority_key;
#define PRODUCT_ID VEC_PRODUCT_ID
#define FIRMWARE_SHA256 vec_firmware_sha256

static char *
put_str(char *p, const char *s)
{
    while (*s != '\0') {
        *p++ = *s++;
    }
    return p;
}

static char *
put_dec(char *p, int32_t v)
{
    char tmp[12];
    uint32_t u = v < 0 ? (uint32_t)-v : (uint32_t)v;
    int n = 0;

    if (v < 0) {
        *p++ = '-';
    }
    do {
        tmp[n++] = (char)('0' + u % 10u);
        u /= 10u;
    } while (u != 0);
    while (n > 0) {
        *p++ = tmp[--n];
    }
    return p;
}

/* Called through a pointer so that its frame is not merged into main's. */
static int (*volatile verify)(const uint8_t *, size_t, const uint8_t *, size_t, uint32_t,
                              const uint8_t *, const uint8_t *) = mintage_verify;

int
main(void)
{
    char line[128], *p;
    uint32_t sp, *w;
    int result;

    /* paint the free stack below us, verify, then find the deepest word that changed */
    __asm__ volatile ("mov %0, sp" : "=r"(sp));
    for (w = _stack_limit; w < (uint32_t *)(sp - 64); w++) {
        *w = STACK_PAINT;
    }
    result = verify((const uint8_t *)RECORD_ADDR, MINTAGE_RECORD_LEN,
                    (const uint8_t *)UID_ADDR, UID_LEN, PRODUCT_ID, authority_key, FIRMWARE_SHA256);
    for (w = _stack_limit; w < (uint32_t *)sp && *w == STACK_PAINT; w++) {
    }

    p = put_str(line, "mintage_verify: ");
    p = put_dec(p, result);
    p = put_str(p, " (");
    p = put_str(p, mintage_result_name(result));
    p = put_str(p, "), stack used ");
    p = put_dec(p, (int32_t)(sp - (uint32_t)w));
    p = put_str(p, " bytes\n");
    *p = '\0';
    semihost_write0(line);
    return -result;
}
