package dev.castellan.cli.tokens;

import dev.castellan.authority.LocalAuthority;
import dev.castellan.authority.entropy.AuthorityRandom;
import dev.castellan.authority.entropy.EntropyReseeder;
import dev.castellan.authority.entropy.ReseedOptions;
import dev.castellan.authority.service.AuditSink;
import dev.castellan.authority.service.Cryptod;
import dev.castellan.authority.service.CryptodOptions;
import dev.castellan.authority.service.LogAuditSink;
import dev.castellan.authority.service.PeerAcl;
import dev.castellan.authority.totp.SealedTotpSecrets;
import dev.castellan.authority.totp.TotpOptions;
import dev.castellan.authority.totp.TotpValidator;
import dev.castellan.cli.CliException;
import dev.castellan.cli.ErrorKind;
import dev.castellan.cli.entropy.EntropydKeyFile;
import dev.castellan.keys.SealedKeyStore;
import dev.castellan.keys.Sealer;
import dev.castellan.log.LocalLog;
import dev.castellan.log.LogMetrics;
import dev.castellan.log.LogOptions;
import dev.castellan.log.RecordSigner;
import dev.castellan.log.TransparencyLog;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.server.oracle.SimulatedNitroTee;
import dev.castellan.tokens.AuthorityPublicKey;
import dev.castellan.transport.TransportOptions;
import dev.castellan.transport.UnixTransport;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The pieces of {@code castellan tokens serve}, assembled: the data directory's authority
 * (unsealed as the oracle unseals), operators' TOTP secrets beside it, the peer ACL, an
 * audit log of its own ({@value #AUDIT_DIRECTORY}, records signed by a sealed Ed25519 key),
 * cryptod on a Unix socket, and, given an {@link EntropyFeed}, the client that reseeds its DRBG
 * from entropyd. Everything cryptod draws (token ids, audit entry ids, ephemeral keys) comes
 * from the one {@link AuthorityRandom} it is given, so the reseeds reach what it issues.
 */
final class CryptodRunner implements AutoCloseable {
  static final String PEERS_FILE = "peers.json";
  static final String SOCKET_FILE = "cryptod.sock";
  static final String AUDIT_DIRECTORY = "audit";
  static final String AUDIT_ORIGIN = "castellan.local/authority-audit";
  static final String AUDIT_KEY_FILE = "audit-key.sealed";
  /** entropyd sends a chunk at least every 5 minutes: this long without one, it counts as gone. */
  static final Duration ENTROPY_SILENCE = Duration.ofMinutes(6);

  /** entropyd's socket, and its public key file (the pin). */
  record EntropyFeed(Path socket, Path publicKey) {}

  private final Cryptod cryptod;
  private final Optional<EntropyReseeder> reseeder;
  private final TransparencyLog log;
  final Path socket;
  final Path peers;
  final Path auditLog;
  final Optional<AuthorityPublicKey> entropydKey;

  private CryptodRunner(Cryptod cryptod, Optional<EntropyReseeder> reseeder, TransparencyLog log, Path socket, Path peers,
      Path auditLog, Optional<AuthorityPublicKey> entropydKey) {
    this.cryptod = cryptod;
    this.reseeder = reseeder;
    this.log = log;
    this.socket = socket;
    this.peers = peers;
    this.auditLog = auditLog;
    this.entropydKey = entropydKey;
  }

  static CryptodRunner start(Path dataDirectory, Path peersFile, Path socketFile, Optional<EntropyFeed> entropy, Clock clock,
      AuthorityRandom drbg) throws Exception {
    var random = drbg.random();
    SimulatedNitroTee device = SimulatedOracleDevice.boot(dataDirectory, clock, random);
    LocalAuthority authority = Oracle.openAuthority(dataDirectory, device, clock, random);
    Path dir = authority.directory();
    Path peers = peersFile != null ? peersFile : dir.resolve(PEERS_FILE);
    if (!Files.exists(peers)) {
      throw new CliException(ErrorKind.OPERATION, "no peer ACL at " + peers + ": every peer is refused without one;"
          + " write it (format: docs/authority.md, \"The service (cryptod)\") or give --peers FILE");
    }
    PeerAcl acl = PeerAcl.fromFile(peers);
    Optional<AuthorityPublicKey> entropydKey = entropy.isPresent()
        ? Optional.of(EntropydKeyFile.read(entropy.get().publicKey())) : Optional.empty();
    Sealer sealer = Oracle.sealer(device, random);
    TotpValidator totp = new TotpValidator(new SealedTotpSecrets(dir.resolve(TokensTotpEnrollCommand.DIRECTORY), sealer,
        TotpOptions.defaults().parameters().algorithm()), TotpOptions.defaults(), clock, random);
    Path auditHome = dir.resolve(AUDIT_DIRECTORY);
    TransparencyLog log = LocalLog.open(auditHome, AUDIT_ORIGIN, LogOptions.DEFAULTS, new LogMetrics());
    try {
      AuditSink sink = new LogAuditSink(log, RecordSigner.ed25519(new SealedKeyStore(dir.resolve(AUDIT_KEY_FILE), sealer)
          .loadOrGenerateEd25519(random)), authority.service(), random, Duration.ofSeconds(10));
      Path socket = socketFile != null ? socketFile : dir.resolve(SOCKET_FILE);
      var listener = UnixTransport.create(TransportOptions.DEFAULTS).listen(UnixDomainSocketAddress.of(socket));
      Cryptod cryptod = Cryptod.start(listener, authority.service(), Optional.of(totp), acl, sink, clock,
          CryptodOptions.defaults(Oracle.TOKEN_AUDIENCE), random);
      Optional<EntropyReseeder> reseeder = entropydKey.map(key -> EntropyReseeder.start(UnixTransport.create(
              TransportOptions.DEFAULTS.withMaximumFrameSize(EntropyReseeder.MAX_FRAME_BYTES).withReadDeadline(ENTROPY_SILENCE)),
          UnixDomainSocketAddress.of(entropy.get().socket()), key, drbg, sink, clock, ReseedOptions.defaults()));
      return new CryptodRunner(cryptod, reseeder, log, socket, peers, LocalLog.logDirectory(auditHome), entropydKey);
    } catch (Exception e) {
      log.close();
      throw e;
    }
  }

  TransparencyLog log() {
    return log;
  }

  @Override
  public void close() throws IOException {
    try {
      if (reseeder.isPresent()) {
        reseeder.get().close();
      }
      cryptod.close();
    } finally {
      log.close();
    }
  }
}
