package dev.castellan.transport;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A connection that carries raw bytes, unframed, and knows its peer: for line protocols a
 * person drives with {@code nc} (the service manager's JSON-RPC control socket), where
 * {@link FramedConnection}'s length prefix would be in the way.
 *
 * <p>Contract: every read of {@link #input()} and every write of {@link #output()} is bounded
 * by the options' read and write deadline and fails with an {@link java.io.IOException}
 * (caused by a {@link TimedOutException}) when it passes; a caller bounds how much it reads.
 * {@link #peer()} is established before the connection is returned and MUST NOT change.
 */
public interface RawConnection extends AutoCloseable {
  /** The bytes the peer sends; -1 once it has shut down its side. */
  InputStream input();

  /** The bytes to send to the peer. */
  OutputStream output();

  /** Who the peer is, as the operating system established it. */
  PeerIdentity peer();

  /** Closes the connection; idempotent; wakes a blocked read or write. */
  @Override
  void close();
}
