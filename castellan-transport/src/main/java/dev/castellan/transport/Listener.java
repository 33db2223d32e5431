package dev.castellan.transport;

/**
 * Accepts connections on a bound address, serving at most
 * {@link TransportOptions#maximumConnections()} at once.
 *
 * @param <A> the transport's address type
 */
public interface Listener<A> extends AutoCloseable {
  /**
   * The next connection, with its peer established. Waits while the connection limit is
   * reached, until a served connection closes. Throws {@link PeerRefusedException} for a peer
   * that failed authentication (the listener stays open) and
   * {@link ConnectionClosedException} once the listener is closed.
   */
  FramedConnection accept() throws TransportException;

  /** The address actually bound (with the port the kernel chose, if any). */
  A address();

  /** Stops listening, wakes a blocked {@code accept} and releases the address. Idempotent. */
  @Override
  void close();
}
