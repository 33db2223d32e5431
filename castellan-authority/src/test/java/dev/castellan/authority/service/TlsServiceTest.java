package dev.castellan.authority.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.tokens.TokenVerifier;
import dev.castellan.tokens.VerifierOptions;
import dev.castellan.tokens.envelope.AuditLog;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import dev.castellan.tokens.envelope.TokenIssueResponse;
import dev.castellan.transport.FramedConnection;
import dev.castellan.transport.Listener;
import dev.castellan.transport.TlsCredentials;
import dev.castellan.transport.TlsTransport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service over TCP on loopback with mutual TLS: the peer is its pinned key. */
class TlsServiceTest {
  @TempDir Path dir;

  @Test
  void pinnedPeerInTheAcl_getsAToken_othersAreRefusedAndAudited() throws Exception {
    TlsCredentials server = TestTls.selfSigned("cryptod");
    TlsCredentials pd = TestTls.selfSigned("policy-pd");
    TlsCredentials pinnedOnly = TestTls.selfSigned("pinned-not-in-acl");
    TlsCredentials stranger = TestTls.selfSigned("stranger");
    TlsTransport serverSide = TlsTransport.create(server, List.of(TestTls.leaf(pd), TestTls.leaf(pinnedOnly)));
    Listener<InetSocketAddress> listener = serverSide.listen(TlsTransport.loopback(0));
    String acl = """
        {"version": 1, "peers": [{"name": "policy-pd", "tls": {"spkiSha256": "%s"}, "types": ["token_issue_req"], "subject": "vm-7"}]}
        """.formatted(TestTls.spki(pd));
    try (CryptodFixture f = new CryptodFixture(dir, acl, CryptodOptions.defaults("castellan"), listener)) {
      InetSocketAddress address = listener.address();
      try (FramedConnection c = TlsTransport.create(pd, List.of(TestTls.leaf(server))).connect(address)) {
        TokenIssueResponse ok = Wire.call(c, Wire.issue("vm-7", "net:update"));
        assertThat(ok.result()).isEqualTo(TokenIssueResponse.Result.OK);
        TokenVerifier.create(f.keySet, VerifierOptions.defaults().withoutRevocationList())
            .verify(ok.token().orElseThrow().toByteArray(), "net:update", "castellan", f.clock.instant());
      }
      assertThat(Wire.last(f.log).actor()).isEqualTo("policy-pd");

      try (FramedConnection c = TlsTransport.create(pinnedOnly, List.of(TestTls.leaf(server))).connect(address)) {
        c.send(EnvelopeCodec.encode(Wire.issue("vm-7", "net:update")));
        assertThatThrownBy(c::receive).isInstanceOf(dev.castellan.transport.TransportException.class);
      }
      AuditLog refused = Wire.last(f.log);
      assertThat(refused.action()).isEqualTo("peer.refused");
      assertThat(refused.actor()).isEqualTo("tls." + TestTls.spki(pinnedOnly).substring(0, 32));

      long before = f.log.size();
      assertThatThrownBy(() -> {
        try (FramedConnection c = TlsTransport.create(stranger, List.of(TestTls.leaf(server))).connect(address)) {
          c.send(EnvelopeCodec.encode(Wire.issue("vm-7", "net:update")));
          c.receive();
        }
      }).isInstanceOf(dev.castellan.transport.TransportException.class);
      f.log.awaitCheckpoint(before + 1).get(10, TimeUnit.SECONDS); // the server's record of the failed handshake
      AuditLog handshake = Wire.last(f.log);
      assertThat(handshake.actor()).isEqualTo("transport");
      assertThat(Wire.meta(handshake, "rule")).isEqualTo("transport.authentication");
    }
  }
}
