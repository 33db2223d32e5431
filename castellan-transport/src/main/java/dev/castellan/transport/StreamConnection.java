package dev.castellan.transport;

import java.nio.ByteBuffer;

/**
 * A connected raw byte stream (TCP, Unix or AF_VSOCK), for relaying bytes rather than frames.
 * Reads and writes block; one thread may read while another writes. {@link #close()} from
 * any thread MUST wake a blocked read or write, which then throws
 * {@link ConnectionClosedException}. Messages of exceptions MUST NOT contain payload bytes.
 */
public interface StreamConnection extends AutoCloseable {
  /**
   * Reads at least one byte into {@code buffer} (from its position to its limit), waiting as
   * long as it takes; the number read, or -1 at end of stream (the peer shut down its output).
   */
  int read(ByteBuffer buffer) throws TransportException;

  /** Writes every remaining byte of {@code buffer}, waiting as long as the peer does not read. */
  void write(ByteBuffer buffer) throws TransportException;

  /** Half-close: the peer reads end of stream; this side may still read. Idempotent. */
  void shutdownOutput() throws TransportException;

  /**
   * Whether reads and writes block in native code (AF_VSOCK through FFM): such a call holds
   * its carrier thread, so serve this connection on platform threads, not virtual ones.
   */
  boolean blocksInNativeCode();

  /** The peer's address as the kernel reports it, for log lines. */
  String peer();

  /** Closes both directions and releases the socket. Idempotent. */
  @Override
  void close();
}
