/*
 * A tiny Cortex-M firmware for the cross-format test: a vector table, code, a constant table in
 * .rodata, initialised .data (stored in flash, run from RAM) and .bss. It is never run; it only has
 * to give the image readers every kind of section a real firmware has.
 */
#include <stdint.h>

extern uint32_t _estack;
extern uint32_t _sidata;
extern uint32_t _sdata;
extern uint32_t _edata;
extern uint32_t _sbss;
extern uint32_t _ebss;

void Reset_Handler(void);
void Default_Handler(void);

__attribute__((section(".isr_vector"), used))
void (*const vector_table[16])(void) = {
	(void (*)(void)) &_estack,
	Reset_Handler,
	Default_Handler, /* NMI */
	Default_Handler, /* HardFault */
	Default_Handler, /* MemManage */
	Default_Handler, /* BusFault */
	Default_Handler, /* UsageFault */
	0, 0, 0, 0,
	Default_Handler, /* SVCall */
	Default_Handler, /* DebugMonitor */
	0,
	Default_Handler, /* PendSV */
	Default_Handler, /* SysTick */
};

static const uint16_t crc4_table[16] = {
	0x0000, 0x1021, 0x2042, 0x3063, 0x4084, 0x50A5, 0x60C6, 0x70E7,
	0x8108, 0x9129, 0xA14A, 0xB16B, 0xC18C, 0xD1AD, 0xE1CE, 0xF1EF,
};

uint32_t blink_period = 0x00C0FFEE;
char greeting[] = "mintage";

uint32_t ticks;
uint8_t scratch[32]; /* global, so the stores and with them the table lookups are kept */

static uint16_t crc16(const uint8_t *data, uint32_t length)
{
	uint16_t crc = 0xFFFF;
	for (uint32_t i = 0; i < length; i++) {
		crc = (uint16_t) ((crc << 4) ^ crc4_table[((crc >> 12) ^ (data[i] >> 4)) & 0x0F]);
		crc = (uint16_t) ((crc << 4) ^ crc4_table[((crc >> 12) ^ (data[i] & 0x0F)) & 0x0F]);
	}
	return crc;
}

void Default_Handler(void)
{
	for (;;) {
	}
}

void Reset_Handler(void)
{
	/* volatile keeps gcc from turning the loops into memcpy/memset, which -nostdlib does not provide */
	const volatile uint32_t *from = &_sidata;
	for (volatile uint32_t *to = &_sdata; to < &_edata;) {
		*to++ = *from++;
	}
	for (volatile uint32_t *to = &_sbss; to < &_ebss;) {
		*to++ = 0;
	}
	for (;;) {
		scratch[ticks & 31] = (uint8_t) crc16((const uint8_t *) greeting, sizeof greeting);
		ticks += blink_period;
	}
}
