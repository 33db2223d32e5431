package dev.castellan.transport;

/**
 * A point-to-point transport: connections that carry bounded, length-prefixed frames and say
 * who the peer is. It knows nothing of what frames mean. Implementations:
 * {@link UnixTransport} (the default), {@link TlsTransport}, {@link VsockTransport}.
 *
 * @param <A> the address type
 */
public interface Transport<A> {
  /** Connects to {@code address}; the peer is established when this returns. */
  FramedConnection connect(A address) throws TransportException;

  /** Binds {@code address} and listens on it. */
  Listener<A> listen(A address) throws TransportException;
}
