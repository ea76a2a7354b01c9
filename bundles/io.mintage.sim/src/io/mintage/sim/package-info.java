/**
 * Emulated chips behind a serial line, shared by every emulator (STM32 bootloader, LPC ISP).
 *
 * <p>An emulator implements {@link io.mintage.sim.EmulatedChip}: it only knows its protocol and its
 * memories. It talks through a {@link io.mintage.sim.ChipPort}, which the base implements once for all
 * emulators: each byte takes the time it would take on the wire (from
 * {@link io.mintage.serial.SerialSettings#nanosPerByte()}, 11 bits per byte for 8E1), the planned
 * {@link io.mintage.sim.FaultPlan faults} happen at their byte, and a reset or power loss reaches the
 * chip as a {@link io.mintage.sim.ChipInterrupt}. Flash memory is a {@link io.mintage.sim.FlashArray}
 * with a {@link io.mintage.sim.FlashTiming} from the datasheet. An {@link io.mintage.sim.EmulatorHost}
 * runs one chip in-process on an in-memory {@link io.mintage.serial.LinePair} or on a socat pty whose
 * other end a real client (stm32flash, lpc21isp, a probe driver) opens. A {@link io.mintage.sim.ChipFeeder}
 * runs a production line's fixture on one such host: blank chips one after another, each taken out
 * once it {@linkplain io.mintage.sim.ChipPort#leaveBootloader leaves its bootloader for good}, as a
 * {@link io.mintage.sim.FeedPlan} says.
 *
 * <pre>
 * EmulatedChip chip = ...;                       // e.g. new Stm32Bootloader(Stm32Variant.F103_MEDIUM, uid)
 * try (EmulatorHost host = EmulatorHost.onPty(chip, Path.of("/tmp/chip1"), serialPorts,
 *         HostOptions.of(SerialSettings.evenParity(115200)))) {
 *     // run: stm32flash -m 8n1 -b 115200 /tmp/chip1
 * }
 * </pre>
 */
package io.mintage.sim;
