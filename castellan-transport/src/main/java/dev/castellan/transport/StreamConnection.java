package dev.castellan.transport;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A connected raw byte stream (TCP, Unix or AF_VSOCK): unframed bytes, for relaying (port
 * forwarding) and for line protocols a person drives with {@code nc} (the service manager's
 * JSON-RPC control socket), where {@link FramedConnection}'s length prefix would be in the way.
 * Reads and writes block; one thread may read while another writes. {@link #close()} from
 * any thread MUST wake a blocked read or write, which then throws
 * {@link ConnectionClosedException}. Messages of exceptions MUST NOT contain payload bytes.
 *
 * <p>{@link #read} and {@link #write} wait as long as it takes and never copy a direct buffer.
 * {@link #input()} and {@link #output()} are the same bytes as Java streams; when the listener
 * was given {@link TransportOptions} ({@link StreamSockets#listen(StreamAddress, TransportOptions)}),
 * each of their reads and writes is bounded by the options' read and write deadline and fails
 * with an {@link java.io.IOException} caused by a {@link TimedOutException} when it passes.
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

  /** The bytes the peer sends, as a stream (-1 once it has shut down its side); see the class comment for deadlines. */
  InputStream input();

  /** The bytes to send to the peer, as a stream; see the class comment for deadlines. */
  OutputStream output();

  /**
   * Whether reads and writes block in native code (Unix and AF_VSOCK, through FFM): such a call
   * holds its carrier thread, so serve this connection on platform threads, not virtual ones.
   */
  boolean blocksInNativeCode();

  /** The peer's address as the kernel reports it, for log lines. */
  String peer();

  /**
   * Who the peer is, as the operating system established it before the connection was
   * returned, never from anything the peer sent: {@link PeerIdentity.Unix} from
   * {@code SO_PEERCRED} for Unix sockets, {@link PeerIdentity.Vsock} (CID and port) for
   * AF_VSOCK; empty for TCP, where the kernel vouches for nobody. It does not change.
   */
  Optional<PeerIdentity> identity();

  /** Closes both directions and releases the socket. Idempotent. */
  @Override
  void close();
}
