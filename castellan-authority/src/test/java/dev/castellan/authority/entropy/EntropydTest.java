package dev.castellan.authority.entropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.authority.service.PeerAcl;
import dev.castellan.authority.service.PeerService;
import dev.castellan.authority.service.TestTls;
import dev.castellan.core.signature.Ed25519PrivateKey;
import dev.castellan.tokens.SigningKey;
import dev.castellan.tokens.envelope.EntropyPublication;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import dev.castellan.tokens.envelope.EnvelopeSignatures;
import dev.castellan.transport.ConnectionClosedException;
import dev.castellan.transport.FramedConnection;
import dev.castellan.transport.Listener;
import dev.castellan.transport.TlsCredentials;
import dev.castellan.transport.TlsTransport;
import dev.castellan.transport.TransportException;
import dev.castellan.transport.UnixTransport;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** entropyd over real sockets: allowlisted peers get signed chunks of the configured size, everyone else nothing. */
class EntropydTest {
  private static final EntropydOptions FAST = EntropydOptions.defaults().withInterval(Duration.ofMillis(100));

  @TempDir Path dir;

  static EntropyPublication receive(FramedConnection c) throws Exception {
    return (EntropyPublication) EnvelopeCodec.decode(c.receive());
  }

  @Test
  void allowlistedPeer_receivesSignedChunksOfTheConfiguredSize_freshNonces() throws Exception {
    try (EntropydFixture f = new EntropydFixture(dir, EntropydFixture.allowlist(dir, true), FAST.withChunkBytes(200));
        FramedConnection c = f.connect()) {
      Set<String> nonces = new HashSet<>();
      for (int i = 0; i < 3; i++) {
        EntropyPublication publication = receive(c);
        EnvelopeSignatures.verify(publication, f.key.publicKey());
        assertThat(EnvelopeSignatures.signer(publication)).isEqualTo(f.entropyd.publicKey().keyId());
        assertThat(publication.entropyChunk().size()).isEqualTo(200);
        assertThat(publication.drbgVersion()).isEqualTo("Hash_DRBG,SHA-256,256,pr_and_reseed");
        assertThat(publication.timestamp()).isBetween(Instant.now().minusSeconds(5), Instant.now().plusSeconds(1));
        nonces.add(java.util.HexFormat.of().formatHex(publication.nonce().toByteArray()));
      }
      assertThat(nonces).hasSize(3);
      // The count follows the send: the third chunk can arrive before it is counted.
      for (int i = 0; i < 100 && f.entropyd.published() < 3; i++) {
        Thread.sleep(50);
      }
      assertThat(f.entropyd.published()).isGreaterThanOrEqualTo(3);
      assertThat(f.entropyd.refused()).isZero();
    }
  }

  @Test
  void peerNotInTheAllowlist_isRefusedAtConnect_andReceivesNothing() throws Exception {
    try (EntropydFixture f = new EntropydFixture(dir, EntropydFixture.allowlist(dir, false), FAST);
        FramedConnection c = f.connect()) {
      assertThatThrownBy(c::receive).isInstanceOf(ConnectionClosedException.class);
      assertThat(f.entropyd.refused()).isEqualTo(1);
      assertThat(f.entropyd.published()).isZero();
    }
  }

  @Test
  void aPeerOverItsConnectionLimit_isRefused_itsOtherConnectionKeepsReceiving() throws Exception {
    try (EntropydFixture f = new EntropydFixture(dir, EntropydFixture.allowlist(dir, true), FAST.withMaxConnectionsPerPeer(1));
        FramedConnection first = f.connect()) {
      receive(first); // the first connection holds the peer's one slot
      try (FramedConnection second = f.connect()) {
        assertThatThrownBy(second::receive).isInstanceOf(ConnectionClosedException.class);
      }
      assertThat(f.entropyd.refused()).isEqualTo(1);
      receive(first);
    }
  }

  @Test
  void close_endsEveryStream() throws Exception {
    EntropydFixture f = new EntropydFixture(dir, EntropydFixture.allowlist(dir, true), FAST);
    try (FramedConnection c = f.connect()) {
      receive(c);
      f.close();
      assertThatThrownBy(() -> {
        while (true) {
          c.receive();
        }
      }).isInstanceOf(TransportException.class);
    }
  }

  @Test
  void aCryptodAcl_isRefusedAsEntropydsAllowlist() throws Exception {
    PeerAcl cryptods = PeerAcl.fromJson("{\"version\": 1, \"peers\": []}".getBytes(StandardCharsets.UTF_8));
    try (Listener<?> listener = UnixTransport.create().listen(UnixDomainSocketAddress.of(dir.resolve("e.sock")))) {
      assertThatThrownBy(() -> Entropyd.start(listener, cryptods, publisher(), FAST))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PeerService.ENTROPYD");
    }
  }

  static EntropyPublisher publisher() {
    return EntropyPublisher.create(SigningKey.ed25519(Ed25519PrivateKey.generate(EntropydFixture.RANDOM)), Clock.systemUTC());
  }

  @Test
  void overMutualTls_thePinnedPeerIsServed_aPinnedKeyNotInTheAllowlistIsRefused() throws Exception {
    TlsCredentials server = TestTls.selfSigned("entropyd");
    TlsCredentials cryptod = TestTls.selfSigned("cryptod");
    TlsCredentials other = TestTls.selfSigned("other");
    Listener<InetSocketAddress> listener =
        TlsTransport.create(server, List.of(TestTls.leaf(cryptod), TestTls.leaf(other))).listen(TlsTransport.loopback(0));
    String allowlist = "{\"version\": 1, \"peers\": [{\"name\": \"cryptod\", \"tls\": {\"spkiSha256\": \"" + TestTls.spki(cryptod)
        + "\"}, \"types\": [\"entropy_pub\"]}]}";
    try (Entropyd entropyd = Entropyd.start(listener, PeerAcl.fromJson(allowlist.getBytes(StandardCharsets.UTF_8),
        PeerService.ENTROPYD), publisher(), FAST)) {
      try (FramedConnection c = TlsTransport.create(cryptod, List.of(TestTls.leaf(server))).connect(listener.address())) {
        EnvelopeSignatures.verify(receive(c), entropyd.publicKey());
      }
      try (FramedConnection c = TlsTransport.create(other, List.of(TestTls.leaf(server))).connect(listener.address())) {
        assertThatThrownBy(c::receive).isInstanceOf(TransportException.class);
      }
      assertThat(entropyd.refused()).isEqualTo(1);
    }
  }
}
