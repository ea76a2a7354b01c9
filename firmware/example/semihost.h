/* ARM semihosting calls used by the example firmware (QEMU: -semihosting-config enable=on). */
#ifndef SEMIHOST_H
#define SEMIHOST_H

#include <stdint.h>

#define SYS_WRITE0                 0x04
#define SYS_EXIT_EXTENDED          0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

#define EXIT_FAULT 100   /* exit status after a processor fault */

static inline uint32_t
semihost_call(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;

    __asm__ volatile ("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static inline void
semihost_write0(const char *s)
{
    semihost_call(SYS_WRITE0, s);
}

static inline __attribute__((noreturn)) void
semihost_exit(int status)
{
    uint32_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, (uint32_t)status };

    semihost_call(SYS_EXIT_EXTENDED, block);
    for (;;) {
    }
}

#endif
