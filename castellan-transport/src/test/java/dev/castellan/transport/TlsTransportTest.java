package dev.castellan.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mutual TLS over real loopback TCP with throwaway certificates. */
class TlsTransportTest {
  private static TlsCredentials server;
  private static TlsCredentials client;
  private static TlsCredentials stranger;

  @BeforeAll
  static void certificates() throws Exception {
    server = TestCertificates.selfSigned("castellan-server");
    client = TestCertificates.selfSigned("castellan-client");
    stranger = TestCertificates.selfSigned("stranger");
  }

  private static TlsTransport transport(TlsCredentials own, TlsCredentials pinned) throws Exception {
    return TlsTransport.create(own, List.of(TestCertificates.leaf(pinned)));
  }

  private static CompletableFuture<Object> serveOnce(Listener<InetSocketAddress> listener) {
    return CompletableFuture.supplyAsync(() -> {
      try (FramedConnection served = listener.accept()) {
        served.send(served.receive());
        return served.peer();
      } catch (TransportException e) {
        return e;
      }
    });
  }

  @Test
  void roundTrip_mutualAuth_eachSideSeesThePinnedPeer() throws Exception {
    try (Listener<InetSocketAddress> listener = transport(server, client).listen(TlsTransport.loopback(0))) {
      assertThat(listener.address().getAddress().isLoopbackAddress()).isTrue();
      CompletableFuture<Object> served = serveOnce(listener);
      try (FramedConnection connection = transport(client, server).connect(listener.address())) {
        connection.send("over tls".getBytes(StandardCharsets.UTF_8));
        assertThat(connection.receive()).asString(StandardCharsets.UTF_8).isEqualTo("over tls");
        assertThat(connection.peer()).isEqualTo(new PeerIdentity.Tls(spkiSha256(server), "CN=castellan-server"));
      }
      assertThat(served.get(10, TimeUnit.SECONDS))
          .isEqualTo(new PeerIdentity.Tls(spkiSha256(client), "CN=castellan-client"));
    }
  }

  @Test
  void accept_clientWithUnpinnedCertificate_refused() throws Exception {
    try (Listener<InetSocketAddress> listener = transport(server, client).listen(TlsTransport.loopback(0))) {
      CompletableFuture<Object> served = serveOnce(listener);
      // The stranger pins the real server, so only the server's check can refuse it.
      assertThatThrownBy(() -> {
        try (FramedConnection connection = transport(stranger, server).connect(listener.address())) {
          connection.send(new byte[] {1});
          connection.receive();
        }
      }).isInstanceOf(TransportException.class);
      String strangerPin = spkiSha256(stranger);
      assertThat(served.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(PeerRefusedException.class,
          e -> assertThat(e.getMessage()).contains("not pinned").contains(strangerPin));
    }
  }

  @Test
  void connect_serverWithWrongCertificate_refusedByClient() throws Exception {
    try (Listener<InetSocketAddress> listener = transport(stranger, client).listen(TlsTransport.loopback(0))) {
      serveOnce(listener);
      assertThatThrownBy(() -> transport(client, server).connect(listener.address()))
          .isInstanceOf(PeerRefusedException.class)
          .hasMessageContaining("not pinned").hasMessageContaining("CN=stranger");
    }
  }

  @Test
  void accept_tls12Client_refused() throws Exception {
    try (Listener<InetSocketAddress> listener = transport(server, client).listen(TlsTransport.loopback(0))) {
      CompletableFuture<Object> served = serveOnce(listener);
      SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
      tls12.init(keyManagers(client), new TrustManager[] {trustingAnything()}, new SecureRandom());
      try (SSLSocket socket = (SSLSocket) tls12.getSocketFactory()
          .createSocket(listener.address().getAddress(), listener.address().getPort())) {
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        socket.setSoTimeout(10_000);
        assertThatThrownBy(socket::startHandshake).isInstanceOf(javax.net.ssl.SSLException.class);
      }
      assertThat(served.get(10, TimeUnit.SECONDS)).isInstanceOf(PeerRefusedException.class);
    }
  }

  @Test
  void accept_clientThatNeverHandshakes_timesOutAndListenerStaysUsable() throws Exception {
    TlsTransport quick = TlsTransport.create(server, List.of(TestCertificates.leaf(client)),
        TransportOptions.DEFAULTS.withReadDeadline(Duration.ofMillis(300)), java.time.Clock.systemUTC());
    try (Listener<InetSocketAddress> listener = quick.listen(TlsTransport.loopback(0));
         var silent = new java.net.Socket(listener.address().getAddress(), listener.address().getPort())) {
      assertThatThrownBy(listener::accept).isInstanceOf(TimedOutException.class);
      CompletableFuture<Object> served = serveOnce(listener);
      try (FramedConnection connection = transport(client, server).connect(listener.address())) {
        connection.send(new byte[] {9});
        assertThat(connection.receive()).containsExactly(9);
      }
      assertThat(served.get(10, TimeUnit.SECONDS)).isInstanceOf(PeerIdentity.Tls.class);
    }
  }

  private static String spkiSha256(TlsCredentials credentials) throws Exception {
    return Hex.encode(MessageDigest.getInstance("SHA-256")
        .digest(TestCertificates.leaf(credentials).getPublicKey().getEncoded()));
  }

  private static javax.net.ssl.KeyManager[] keyManagers(TlsCredentials credentials) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("k", credentials.privateKey(), new char[0],
        credentials.certificateChain().toArray(new java.security.cert.X509Certificate[0]));
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, new char[0]);
    return factory.getKeyManagers();
  }

  private static X509TrustManager trustingAnything() {
    return new X509TrustManager() {
      @Override
      public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

      @Override
      public java.security.cert.X509Certificate[] getAcceptedIssuers() {
        return new java.security.cert.X509Certificate[0];
      }
    };
  }
}
