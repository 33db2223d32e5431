package dev.castellan.transport;

/**
 * A listening raw stream socket (see {@link StreamSockets#listen}). A listener given
 * {@link TransportOptions} serves at most {@link TransportOptions#maximumConnections()}
 * connections at once (further clients wait in the kernel's listen backlog until one closes).
 */
public interface StreamListener extends AutoCloseable {
  /**
   * The next connection, waiting for one, its peer established first. Throws
   * {@link ConnectionClosedException} once the listener is closed (also when a close wakes a
   * waiting accept).
   */
  StreamConnection accept() throws TransportException;

  /** The address actually bound (a TCP port 0 or a vsock any-port replaced by the kernel's choice). */
  StreamAddress address();

  /** Whether accept() blocks in native code (Unix and AF_VSOCK): call it from a platform thread. */
  boolean blocksInNativeCode();

  /** Stops listening, wakes a blocked accept and releases the address (a Unix socket's file). Idempotent. */
  @Override
  void close();
}
