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
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service over TCP on loopback with mutual TLS: the peer is its pinned key. */
class TlsServiceTest {
  @TempDir Path dir;

  static TlsCredentials selfSigned(String commonName) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=" + commonName);
    Instant now = Instant.now();
    var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofHours(1))), name, pair.getPublic());
    X509Certificate certificate = new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    return new TlsCredentials(pair.getPrivate(), List.of(certificate));
  }

  static X509Certificate leaf(TlsCredentials c) {
    return c.certificateChain().getFirst();
  }

  static String spki(TlsCredentials c) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(leaf(c).getPublicKey().getEncoded()));
  }

  @Test
  void pinnedPeerInTheAcl_getsAToken_othersAreRefusedAndAudited() throws Exception {
    TlsCredentials server = selfSigned("cryptod");
    TlsCredentials pd = selfSigned("policy-pd");
    TlsCredentials pinnedOnly = selfSigned("pinned-not-in-acl");
    TlsCredentials stranger = selfSigned("stranger");
    TlsTransport serverSide = TlsTransport.create(server, List.of(leaf(pd), leaf(pinnedOnly)));
    Listener<InetSocketAddress> listener = serverSide.listen(TlsTransport.loopback(0));
    String acl = """
        {"version": 1, "peers": [{"name": "policy-pd", "tls": {"spkiSha256": "%s"}, "types": ["token_issue_req"], "subject": "vm-7"}]}
        """.formatted(spki(pd));
    try (CryptodFixture f = new CryptodFixture(dir, acl, CryptodOptions.defaults("castellan"), listener)) {
      InetSocketAddress address = listener.address();
      try (FramedConnection c = TlsTransport.create(pd, List.of(leaf(server))).connect(address)) {
        TokenIssueResponse ok = Wire.call(c, Wire.issue("vm-7", "net:update"));
        assertThat(ok.result()).isEqualTo(TokenIssueResponse.Result.OK);
        TokenVerifier.create(f.keySet, VerifierOptions.defaults().withoutRevocationList())
            .verify(ok.token().orElseThrow().toByteArray(), "net:update", "castellan", f.clock.instant());
      }
      assertThat(Wire.last(f.log).actor()).isEqualTo("policy-pd");

      try (FramedConnection c = TlsTransport.create(pinnedOnly, List.of(leaf(server))).connect(address)) {
        c.send(EnvelopeCodec.encode(Wire.issue("vm-7", "net:update")));
        assertThatThrownBy(c::receive).isInstanceOf(dev.castellan.transport.TransportException.class);
      }
      AuditLog refused = Wire.last(f.log);
      assertThat(refused.action()).isEqualTo("peer.refused");
      assertThat(refused.actor()).isEqualTo("tls." + spki(pinnedOnly).substring(0, 32));

      long before = f.log.size();
      assertThatThrownBy(() -> {
        try (FramedConnection c = TlsTransport.create(stranger, List.of(leaf(server))).connect(address)) {
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
