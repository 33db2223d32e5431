package dev.castellan.transport;

/**
 * Accepts raw-byte connections ({@link RawConnection}) on a bound address, with the same
 * limits and security as a {@link Listener}: at most
 * {@link TransportOptions#maximumConnections()} served at once, the peer established first.
 *
 * @param <A> the transport's address type
 */
public interface RawListener<A> extends AutoCloseable {
  /** The next connection; see {@link Listener#accept()} for waiting and failures. */
  RawConnection accept() throws TransportException;

  /** The address actually bound. */
  A address();

  /** Stops listening, wakes a blocked {@code accept} and releases the address. Idempotent. */
  @Override
  void close();
}
