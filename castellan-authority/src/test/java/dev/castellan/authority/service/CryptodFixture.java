package dev.castellan.authority.service;

import dev.castellan.authority.acl.Acl;
import dev.castellan.authority.acl.ScopePolicies;
import dev.castellan.authority.totp.Totp;
import dev.castellan.authority.totp.TotpAlgorithm;
import dev.castellan.authority.totp.TotpOptions;
import dev.castellan.authority.totp.TotpParameters;
import dev.castellan.authority.totp.TotpSecret;
import dev.castellan.authority.totp.TotpValidator;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.signature.EcdsaCurve;
import dev.castellan.core.signature.EcdsaPrivateKey;
import dev.castellan.core.signature.Ed25519PrivateKey;
import dev.castellan.log.LocalLog;
import dev.castellan.log.LogMetrics;
import dev.castellan.log.LogOptions;
import dev.castellan.log.RecordSigner;
import dev.castellan.log.TransparencyLog;
import dev.castellan.tokens.KeySet;
import dev.castellan.tokens.SigningKey;
import dev.castellan.transport.FramedConnection;
import dev.castellan.transport.Listener;
import dev.castellan.transport.TransportOptions;
import dev.castellan.transport.UnixTransport;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A running {@link Cryptod} on a real Unix socket in a temporary directory, with a real log. */
final class CryptodFixture implements AutoCloseable {
  static final String ISSUER = "castellan.test/cryptod";
  static final String ORIGIN = "castellan.test/cryptod-audit";
  /** The middle of a TOTP step. */
  static final Instant NOW = Instant.ofEpochSecond(1_699_999_995L);
  static final TotpSecret SECRET =
      TotpSecret.of(TotpAlgorithm.SHA1, SecretBytes.copyOf("12345678901234567890".getBytes(StandardCharsets.US_ASCII)));

  final SecureRandom random = new SecureRandom();
  /** What cryptod draws ephemeral keys from; counts the draws. */
  final java.util.concurrent.atomic.AtomicInteger ephemeralDraws = new java.util.concurrent.atomic.AtomicInteger();
  final SecureRandom ephemeralKeys = new SecureRandom() {
    private static final long serialVersionUID = 1L;

    @Override
    public void nextBytes(byte[] bytes) {
      ephemeralDraws.incrementAndGet();
      random.nextBytes(bytes);
    }
  };
  final TestClock clock = new TestClock(NOW);
  final Path dir;
  final Path data;
  final SigningKey key = SigningKey.ecdsaP256(EcdsaPrivateKey.generate(EcdsaCurve.P_256, random));
  final KeySet keySet = KeySet.of(ISSUER, 1, NOW.minusSeconds(60), key.keyId(),
      List.of(new KeySet.Entry(key.publicKey(), NOW.minusSeconds(60), Optional.empty())));
  final AuthorityIssuer authority;
  final TransparencyLog log;
  final UnixTransport transport = UnixTransport.create(TransportOptions.DEFAULTS);
  final UnixDomainSocketAddress address;
  final Cryptod cryptod;

  CryptodFixture(Path dir, String peerAclJson, CryptodOptions options) throws Exception {
    this(dir, peerAclJson, options, null, true);
  }

  CryptodFixture(Path dir, String peerAclJson, CryptodOptions options, Listener<?> listener) throws Exception {
    this(dir, peerAclJson, options, listener, true);
  }

  CryptodFixture(Path dir, String peerAclJson, CryptodOptions options, Listener<?> listener, boolean withTotp) throws Exception {
    this(dir, peerAclJson, options, listener, withTotp, ScopePolicies.defaults());
  }

  /**
   * Serves {@code listener}, or a Unix socket in {@code dir} when it is null; with a TOTP
   * validator or none; under {@code policies}.
   */
  CryptodFixture(Path dir, String peerAclJson, CryptodOptions options, Listener<?> listener, boolean withTotp,
      ScopePolicies policies) throws Exception {
    this.dir = dir;
    this.data = dir.resolve("data");
    Acl acl = Acl.fromJson("""
        {"version": 1, "subjects": {"vm-7": ["net:update", "luks:unlock"], "alice": ["net:update"], "vm-8": ["net:update"]}}
        """.getBytes(StandardCharsets.UTF_8));
    authority = new AuthorityIssuer(key, keySet, acl, policies, clock, random);
    log = LocalLog.open(data, ORIGIN, LogOptions.DEFAULTS, new LogMetrics());
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    RecordSigner signer = RecordSigner.ed25519(Ed25519PrivateKey.fromSeed(SecretBytes.copyOf(seed)));
    AuditSink sink = new LogAuditSink(log, signer, authority, random, Duration.ofSeconds(10));
    TotpValidator totp = new TotpValidator(op -> Optional.ofNullable(Map.of("alice", SECRET, "carol", SECRET).get(op)),
        TotpOptions.defaults(), clock, random);
    address = UnixDomainSocketAddress.of(dir.resolve("cryptod.sock"));
    cryptod = Cryptod.start(listener != null ? listener : transport.listen(address), authority,
        withTotp ? Optional.of(totp) : Optional.empty(), PeerAcl.fromJson(peerAclJson.getBytes(StandardCharsets.UTF_8)),
        sink, clock, options, ephemeralKeys);
  }

  /** The uid this test runs as: the Unix peer the service sees. */
  static long uid(Path dir) throws Exception {
    return ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
  }

  FramedConnection connect() throws Exception {
    return transport.connect(address);
  }

  /** The TOTP code {@code steps} steps from the clock's current step. */
  String code(int steps) {
    TotpParameters p = TotpParameters.defaults();
    return Totp.code(SECRET, Totp.timeStep(clock.instant(), p) + steps, p);
  }

  @Override
  public void close() throws Exception {
    cryptod.close();
    log.close();
  }
}
