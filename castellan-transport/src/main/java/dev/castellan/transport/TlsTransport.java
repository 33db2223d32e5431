package dev.castellan.transport;

import dev.castellan.transport.internal.BoundedListener;
import dev.castellan.transport.internal.CertificatePins;
import dev.castellan.transport.internal.FramedStream;
import dev.castellan.transport.internal.TlsContexts;
import dev.castellan.transport.internal.TlsStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * TCP with mutual TLS (JSSE): TLS 1.3 only (RFC 8446), a client certificate required, and each
 * side trusts exactly the peers whose certificates are pinned (by SHA-256 of their
 * SubjectPublicKeyInfo; validity period checked; no CA, no hostname check). The handshake
 * completes before {@code connect} or {@code accept} returns, within the read deadline; the
 * peer identity comes from the verified certificate. Listen on {@link #loopback(int)} unless a
 * peer on another machine must reach it.
 */
public final class TlsTransport implements Transport<InetSocketAddress> {
  private static final String[] PROTOCOLS = {"TLSv1.3"};
  private static final int MAXIMUM_BACKLOG = 128;
  private final SSLContext context;
  private final TransportOptions options;

  private TlsTransport(SSLContext context, TransportOptions options) {
    this.context = context;
    this.options = options;
  }

  /** Mutual TLS as {@code credentials}, trusting exactly {@code pinnedPeers}, with default limits. */
  public static TlsTransport create(TlsCredentials credentials, Collection<X509Certificate> pinnedPeers)
      throws TransportException {
    return create(credentials, pinnedPeers, TransportOptions.DEFAULTS, Clock.systemUTC());
  }

  /** Mutual TLS with {@code options}; {@code clock} decides certificate validity. */
  public static TlsTransport create(TlsCredentials credentials, Collection<X509Certificate> pinnedPeers,
      TransportOptions options, Clock clock) throws TransportException {
    Objects.requireNonNull(options, "options");
    if (pinnedPeers.isEmpty()) {
      throw new IllegalArgumentException("pin at least one peer certificate");
    }
    var pins = pinnedPeers.stream().map(CertificatePins::pin).collect(java.util.stream.Collectors.toSet());
    return new TlsTransport(TlsContexts.create(credentials, pins, clock), options);
  }

  /**
   * Mutual TLS trusting exactly the peers whose SubjectPublicKeyInfo SHA-256 (lowercase hex, as
   * {@link PeerIdentity.Tls} reports it) is in {@code spkiSha256Pins}: for a service whose peer
   * ACL already names its peers by pin.
   */
  public static TlsTransport createWithPins(TlsCredentials credentials, java.util.Set<String> spkiSha256Pins,
      TransportOptions options, Clock clock) throws TransportException {
    Objects.requireNonNull(options, "options");
    if (spkiSha256Pins.isEmpty()) {
      throw new IllegalArgumentException("pin at least one peer");
    }
    for (String pin : spkiSha256Pins) {
      if (!pin.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("a pin is 64 lowercase hex digits");
      }
    }
    return new TlsTransport(TlsContexts.create(credentials, java.util.Set.copyOf(spkiSha256Pins), clock), options);
  }

  /** {@code port} on the loopback address. */
  public static InetSocketAddress loopback(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  @Override
  public FramedConnection connect(InetSocketAddress address) throws TransportException {
    SSLSocket socket = null;
    try {
      socket = (SSLSocket) context.getSocketFactory().createSocket();
      socket.setEnabledProtocols(PROTOCOLS);
      socket.setTcpNoDelay(true);
      socket.connect(address, (int) Math.min(Integer.MAX_VALUE, options.readDeadline().toMillis()));
      PeerIdentity peer = handshake(socket);
      return new FramedStream(new TlsStream(socket), peer, options, () -> {});
    } catch (IOException e) {
      closeQuietly(socket);
      throw new TransportException("cannot connect to " + address + ": " + e.getMessage(), e);
    } catch (TransportException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  @Override
  public Listener<InetSocketAddress> listen(InetSocketAddress address) throws TransportException {
    SSLServerSocket server;
    try {
      server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
      server.setEnabledProtocols(PROTOCOLS);
      server.setNeedClientAuth(true);
      server.bind(address, Math.min(options.maximumConnections(), MAXIMUM_BACKLOG));
    } catch (IOException e) {
      throw new TransportException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
    var bound = new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    return new BoundedListener<>(bound, new BoundedListener.Acceptor() {
      @Override
      public BoundedListener.Accepted accept(int waitMillis) throws TransportException {
        SSLSocket socket;
        try {
          server.setSoTimeout(waitMillis);
          socket = (SSLSocket) server.accept();
        } catch (SocketTimeoutException none) {
          return null;
        } catch (IOException e) {
          throw new TransportException("accept on " + bound + " failed: " + e.getMessage(), e);
        }
        try {
          socket.setTcpNoDelay(true);
          PeerIdentity peer = handshake(socket);
          return new BoundedListener.Accepted(new TlsStream(socket), peer);
        } catch (IOException e) {
          closeQuietly(socket);
          throw new TransportException("TLS setup failed: " + e.getMessage(), e);
        } catch (TransportException e) {
          closeQuietly(socket);
          throw e;
        }
      }

      @Override
      public void close() {
        closeQuietly(server);
      }
    }, options);
  }

  private PeerIdentity handshake(SSLSocket socket) throws TransportException, IOException {
    String remote = String.valueOf(socket.getRemoteSocketAddress());
    try {
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, options.readDeadline().toMillis()));
      socket.startHandshake();
      X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
      return CertificatePins.identity(leaf);
    } catch (SocketTimeoutException e) {
      throw new TimedOutException("TLS handshake with " + remote, options.readDeadline());
    } catch (SSLException e) {
      throw new PeerRefusedException("TLS handshake with " + remote + " failed: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    if (closeable != null) {
      try {
        closeable.close();
      } catch (IOException ignored) {
        // closing releases the socket even when it reports an error
      }
    }
  }
}
