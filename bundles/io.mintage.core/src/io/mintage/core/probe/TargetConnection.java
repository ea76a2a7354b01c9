package io.mintage.core.probe;

import java.io.IOException;

import io.mintage.core.DeviceUid;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;

/**
 * An open session with one chip. Every method may block on the device; callers run it off the UI
 * thread and pass a monitor so the operator can stop at a safe point. Failures are
 * {@link IOException}s whose message says in plain words what happened and in what state the chip
 * was left ("the chip stopped answering during the write of 0x08004000..0x080040FF; the page is
 * partly written, erase and write it again").
 */
public interface TargetConnection extends AutoCloseable {

	/** What the chip says it is: bootloader version and product/part ID. */
	TargetIdentity identify() throws IOException;

	/**
	 * Sets the session up for the variant the chip turned out to be, before anything is erased or
	 * written: the stm32uart probe tells an STM32F4 bootloader the site's supply voltage here, so that
	 * it programs words instead of bytes ({@link McuVariant#supplyRanges()}). Called once the variant
	 * is known; a driver with nothing to set up does nothing.
	 *
	 * @throws IOException when the site's settings do not fit the chip (a supply outside every range)
	 *                     or the chip refused them; nothing was erased or written
	 */
	default void configureFor(McuVariant variant) throws IOException {
		// nothing to set up
	}

	/** Reads the unique ID from where the variant keeps it. */
	DeviceUid readUid(McuVariant variant) throws IOException;

	byte[] read(long address, int length, ProgressMonitor monitor) throws IOException, OperationCancelledException;

	/**
	 * Erases the erase units (pages/sectors) of {@code variant} that overlap
	 * [address, address + length), and only those.
	 */
	void erase(McuVariant variant, long address, long length, ProgressMonitor monitor)
			throws IOException, OperationCancelledException;

	/**
	 * Writes {@code data} at {@code address}; the bytes must be erased (or the family allows overwrite).
	 * Every driver verifies each block as it writes it — by the chip's own compare or checksum where it
	 * has one, else by reading it back — and retries a block that does not verify, so a write that
	 * returns has been verified; {@link #verify} is for checking again later (after a reset, say).
	 */
	void write(long address, byte[] data, ProgressMonitor monitor) throws IOException, OperationCancelledException;

	/**
	 * Checks that the chip holds {@code expected} at {@code address}. This default reads everything back;
	 * a driver whose chip can compare or checksum on its own side (LPC ISP Compare, STM32 Get Checksum)
	 * overrides it to save the wire time.
	 *
	 * @throws IOException naming the first address that differs
	 */
	default void verify(long address, byte[] expected, ProgressMonitor monitor)
			throws IOException, OperationCancelledException {
		byte[] actual = read(address, expected.length, monitor);
		for (int i = 0; i < expected.length; i++) {
			if (actual[i] != expected[i]) {
				throw new IOException(String.format("verify failed at 0x%08X: the chip holds 0x%02X, the image 0x%02X",
						address + i, actual[i] & 0xFF, expected[i] & 0xFF));
			}
		}
	}

	/** Whether the chip refuses reads and writes because of its readout protection (STM32 RDP, LPC CRP). */
	boolean isReadProtected() throws IOException;

	/**
	 * Sets readout protection to {@code level} as the family numbers it (STM32 RDP 1; LPC CRP 1–3). The
	 * chip may reset and end the session. Level 2/CRP3-style permanent locks are refused by drivers
	 * unless the family allows them.
	 */
	void protect(int level) throws IOException;

	/**
	 * Removes readout protection. On every supported family this erases the whole flash: callers must
	 * have the job's permission first. The chip may reset and end the session.
	 */
	void unprotect(ProgressMonitor monitor) throws IOException, OperationCancelledException;

	/** Starts the program at the given address or resets the chip, ending the session. */
	void run(long address) throws IOException;

	@Override
	void close() throws IOException;

	/** @param bootloaderVersion e.g. 0x31 for "3.1"; @param deviceId STM32 PID or LPC part ID */
	record TargetIdentity(int bootloaderVersion, long deviceId) {
	}
}
