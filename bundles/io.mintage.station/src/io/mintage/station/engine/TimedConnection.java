package io.mintage.station.engine;

import java.io.IOException;

import io.mintage.core.DeviceUid;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.probe.TargetConnection;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;

/**
 * A connection that adds up the time spent in device I/O, so the engine can tell its own overhead
 * (signing, ledger, planning) from the time the chip and the line take.
 */
final class TimedConnection implements TargetConnection {

	private interface Call<T> {
		T run() throws IOException, OperationCancelledException;
	}

	private final TargetConnection connection;
	private long ioNanos;

	TimedConnection(TargetConnection connection) {
		this.connection = connection;
	}

	long ioNanos() {
		return ioNanos;
	}

	private <T> T timed(Call<T> call) throws IOException, OperationCancelledException {
		long start = System.nanoTime();
		try {
			return call.run();
		} finally {
			ioNanos += System.nanoTime() - start;
		}
	}

	private <T> T timedIo(Call<T> call) throws IOException {
		try {
			return timed(call);
		} catch (OperationCancelledException e) {
			throw new IllegalStateException("a step without a monitor was cancelled", e);
		}
	}

	@Override
	public TargetIdentity identify() throws IOException {
		return timedIo(connection::identify);
	}

	@Override
	public void configureFor(McuVariant variant) throws IOException {
		timedIo(() -> {
			connection.configureFor(variant);
			return null;
		});
	}

	@Override
	public DeviceUid readUid(McuVariant variant) throws IOException {
		return timedIo(() -> connection.readUid(variant));
	}

	@Override
	public byte[] read(long address, int length, ProgressMonitor monitor) throws IOException, OperationCancelledException {
		return timed(() -> connection.read(address, length, monitor));
	}

	@Override
	public void erase(McuVariant variant, long address, long length, ProgressMonitor monitor)
			throws IOException, OperationCancelledException {
		timed(() -> {
			connection.erase(variant, address, length, monitor);
			return null;
		});
	}

	@Override
	public void write(long address, byte[] data, ProgressMonitor monitor) throws IOException, OperationCancelledException {
		timed(() -> {
			connection.write(address, data, monitor);
			return null;
		});
	}

	@Override
	public void verify(long address, byte[] expected, ProgressMonitor monitor)
			throws IOException, OperationCancelledException {
		timed(() -> {
			connection.verify(address, expected, monitor);
			return null;
		});
	}

	@Override
	public boolean isReadProtected() throws IOException {
		return timedIo(connection::isReadProtected);
	}

	@Override
	public void protect(int level) throws IOException {
		timedIo(() -> {
			connection.protect(level);
			return null;
		});
	}

	@Override
	public void unprotect(ProgressMonitor monitor) throws IOException, OperationCancelledException {
		timed(() -> {
			connection.unprotect(monitor);
			return null;
		});
	}

	@Override
	public void run(long address) throws IOException {
		timedIo(() -> {
			connection.run(address);
			return null;
		});
	}

	@Override
	public void close() throws IOException {
		timedIo(() -> {
			connection.close();
			return null;
		});
	}
}
