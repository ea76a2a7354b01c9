/*
 * Minimal Cortex-M startup for the QEMU example firmware (M0, M3 and M4 alike): vector table with
 * the initial stack pointer, reset handler that copies .data and clears .bss, and a fault handler
 * that reports through semihosting instead of hanging.
 */
#include <stdint.h>

#include "semihost.h"

extern uint32_t _sidata[], _sdata[], _edata[], _sbss[], _ebss[], _estack[];
extern int main(void);

void reset_handler(void);
static void fault_handler(void);

__attribute__((section(".vectors"), used))
static void (*const vectors[16])(void) = {
    (void (*)(void))(uintptr_t)_estack,   /* initial SP */
    reset_handler,                        /* reset */
    fault_handler,                        /* NMI */
    fault_handler,                        /* HardFault */
    fault_handler, fault_handler, fault_handler,   /* MemManage, BusFault, UsageFault (v7-M) */
    0, 0, 0, 0,
    fault_handler,                        /* SVCall */
    0, 0,
    fault_handler,                        /* PendSV */
    fault_handler,                        /* SysTick */
};

void
reset_handler(void)
{
    uint32_t *src = _sidata, *dst;

    for (dst = _sdata; dst < _edata; ) {
        *dst++ = *src++;
    }
    for (dst = _sbss; dst < _ebss; ) {
        *dst++ = 0;
    }
    semihost_exit(main());
}

static void
fault_handler(void)
{
    semihost_write0("fault\n");
    semihost_exit(EXIT_FAULT);
}
