package io.mintage.core.probe;

import java.io.IOException;

import io.mintage.core.DeviceUid;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;

/**
 * An open session with one chip. Every method may block on the device; callers run it off the UI
 * thread and pass a monitor so the operator can stop at a safe point.
 */
public interface TargetConnection extends AutoCloseable {

	/** What the chip says it is: bootloader version and product/part ID. */
	TargetIdentity identify() throws IOException;

	/** Reads the unique ID from where the variant keeps it. */
	DeviceUid readUid(McuVariant variant) throws IOException;

	byte[] read(long address, int length, ProgressMonitor monitor) throws IOException, OperationCancelledException;

	/** Erases the erase units (pages/sectors) that overlap [address, address + length). */
	void erase(long address, long length, ProgressMonitor monitor) throws IOException, OperationCancelledException;

	void write(long address, byte[] data, ProgressMonitor monitor) throws IOException, OperationCancelledException;

	/** Starts the program at the given address or resets the chip, ending the session. */
	void run(long address) throws IOException;

	@Override
	void close() throws IOException;

	/** @param bootloaderVersion e.g. 0x31 for "3.1"; @param deviceId STM32 PID or LPC part ID */
	record TargetIdentity(int bootloaderVersion, long deviceId) {
	}
}
