package dev.castellan.cli.tokens;

import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerifierSet;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.snp.SnpVerifier;
import dev.castellan.attestation.tdx.TdxVerifier;
import dev.castellan.authority.LocalAuthority;
import dev.castellan.authority.entropy.AuthorityRandom;
import dev.castellan.authority.entropy.EntropyReseeder;
import dev.castellan.authority.entropy.ReseedOptions;
import dev.castellan.authority.service.AuditSink;
import dev.castellan.authority.service.AuditSpool;
import dev.castellan.authority.service.Cryptod;
import dev.castellan.authority.service.CryptodOptions;
import dev.castellan.authority.service.LogAuditSink;
import dev.castellan.authority.service.PeerAcl;
import dev.castellan.authority.service.PeerEntry;
import dev.castellan.authority.service.PeerPattern;
import dev.castellan.authority.totp.SealedTotpSecrets;
import dev.castellan.authority.totp.TotpOptions;
import dev.castellan.authority.totp.TotpValidator;
import dev.castellan.cli.CliException;
import dev.castellan.cli.ErrorKind;
import dev.castellan.cli.attest.SimulatorRoots;
import dev.castellan.cli.entropy.EntropydKeyFile;
import dev.castellan.keys.Sealer;
import dev.castellan.log.LocalLog;
import dev.castellan.log.LogMetrics;
import dev.castellan.log.LogOptions;
import dev.castellan.log.RecordSigner;
import dev.castellan.log.TransparencyLog;
import dev.castellan.log.storage.LogInUseException;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.tokens.AuthorityPublicKey;
import dev.castellan.transport.Listener;
import dev.castellan.transport.TlsCredentials;
import dev.castellan.transport.TlsTransport;
import dev.castellan.transport.TransportOptions;
import dev.castellan.transport.UnixTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The pieces of {@code castellan tokens serve}, assembled: the data directory's authority
 * (unsealed as the oracle unseals), operators' TOTP secrets beside it, the peer ACL, an
 * audit log of its own ({@code LocalAuthority.AUDIT_DIRECTORY}, records signed by a sealed
 * Ed25519 key) into which it also drains the {@link AuditSpool} of the authority's commands
 * (at start, then every {@link #SPOOL_EVERY}), cryptod on a Unix socket or TCP with mutual
 * TLS, and, given an {@link EntropyFeed}, the client that reseeds its DRBG from entropyd.
 * Everything cryptod draws (token ids, challenge nonces, audit entry ids, ephemeral keys) comes
 * from the one {@link AuthorityRandom} it is given, so the reseeds reach what it issues.
 */
final class CryptodRunner implements AutoCloseable {
  static final String PEERS_FILE = "peers.json";
  static final String SOCKET_FILE = "cryptod.sock";
  /** How often the spool of the authority's commands is drained into the audit log. */
  static final Duration SPOOL_EVERY = Duration.ofSeconds(1);
  /** The TOTP replay guard and lockouts, kept across restarts. */
  static final String TOTP_STATE_FILE = "totp-state.json";

  /** entropyd sends a chunk at least every 5 minutes: this long without one, it counts as gone. */
  static final Duration ENTROPY_SILENCE = Duration.ofMinutes(6);

  private static final System.Logger LOG = System.getLogger(CryptodRunner.class.getName());

  /** entropyd's socket, and its public key file (the pin). */
  record EntropyFeed(Path socket, Path publicKey) {}

  private final Cryptod cryptod;
  private final Optional<EntropyReseeder> reseeder;
  private final TransparencyLog log;
  private final ScheduledExecutorService spoolDrain;
  /** The Unix socket served, or null when serving TCP. */
  final Path socket;
  /** Where it serves, for people: the socket's path, or {@code tcp HOST:PORT (mutual TLS)}. */
  final String endpoint;
  final Path peers;
  final Path auditLog;
  final Optional<AuthorityPublicKey> entropydKey;

  /** What to listen on: a Unix socket (null: the default), or TCP with mutual TLS pinning the peer ACL's {@code tls} peers. */
  record Endpoint(Path socket, InetSocketAddress tcp, TlsCredentials tls) {
    static Endpoint unix(Path socket) {
      return new Endpoint(socket, null, null);
    }

    static Endpoint tcp(InetSocketAddress address, TlsCredentials tls) {
      return new Endpoint(null, address, tls);
    }
  }

  private CryptodRunner(Cryptod cryptod, Optional<EntropyReseeder> reseeder, TransparencyLog log,
      ScheduledExecutorService spoolDrain, Path socket, String endpoint, Path peers, Path auditLog,
      Optional<AuthorityPublicKey> entropydKey) {
    this.cryptod = cryptod;
    this.reseeder = reseeder;
    this.log = log;
    this.spoolDrain = spoolDrain;
    this.socket = socket;
    this.endpoint = endpoint;
    this.peers = peers;
    this.auditLog = auditLog;
    this.entropydKey = entropydKey;
  }

  static CryptodRunner start(Path dataDirectory, Path peersFile, Endpoint endpoint, Optional<EntropyFeed> entropy, Clock clock,
      AuthorityRandom drbg) throws Exception {
    SecureRandom random = drbg.random();
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
    TotpValidator totp;
    try {
      totp = TotpValidator.persistent(new SealedTotpSecrets(dir.resolve(TokensTotpEnrollCommand.DIRECTORY), sealer,
          TotpOptions.defaults().parameters().algorithm()), TotpOptions.defaults(), clock, random, dir.resolve(TOTP_STATE_FILE));
    } catch (IOException e) {
      throw new CliException(ErrorKind.OPERATION, e.getMessage());
    }
    Path auditHome = dir.resolve(LocalAuthority.AUDIT_DIRECTORY);
    TransparencyLog log = openAuditLog(auditHome);
    ScheduledExecutorService spoolDrain = null;
    try {
      RecordSigner signer = authority.auditSigner(sealer);
      AuditSpool spool = new AuditSpool(dir.resolve(AuditSpool.DIRECTORY));
      spool.drainInto(log, signer, Duration.ofSeconds(10)); // what the commands queued while no one held the log
      spoolDrain = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("audit-spool").unstarted(r));
      spoolDrain.scheduleWithFixedDelay(() -> drain(spool, log, signer), SPOOL_EVERY.toMillis(), SPOOL_EVERY.toMillis(),
          TimeUnit.MILLISECONDS);
      AuditSink sink = new LogAuditSink(log, signer, authority.service(), random, Duration.ofSeconds(10));
      Path socket = null;
      Listener<?> listener;
      String where;
      if (endpoint.tcp() != null) {
        Set<String> pins = acl.entries().stream().map(PeerEntry::pattern).filter(PeerPattern.Tls.class::isInstance)
            .map(p -> ((PeerPattern.Tls) p).spkiSha256()).collect(Collectors.toSet());
        if (pins.isEmpty()) {
          throw new CliException(ErrorKind.OPERATION, peers + " names no tls peer, so over TCP every peer would be refused;"
              + " add {\"tls\": {\"spkiSha256\": ...}} entries (docs/authority.md, \"The peer ACL\")");
        }
        Listener<InetSocketAddress> tcp = TlsTransport.createWithPins(endpoint.tls(), pins, TransportOptions.DEFAULTS, clock)
            .listen(endpoint.tcp());
        listener = tcp;
        where = "tcp " + tcp.address().getAddress().getHostAddress() + ":" + tcp.address().getPort() + " (mutual TLS, "
            + pins.size() + " pinned peer" + (pins.size() == 1 ? "" : "s") + ")";
      } else {
        socket = endpoint.socket() != null ? endpoint.socket() : dir.resolve(SOCKET_FILE);
        listener = UnixTransport.create(TransportOptions.DEFAULTS).listen(UnixDomainSocketAddress.of(socket));
        where = socket.toAbsolutePath().normalize().toString();
      }
      Cryptod cryptod = Cryptod.start(listener, authority.service(), Optional.of(totp), acl, sink, clock,
          CryptodOptions.defaults(Oracle.TOKEN_AUDIENCE).withEvidenceVerifiers(evidenceVerifiers(dataDirectory)), random);
      Optional<EntropyReseeder> reseeder = entropydKey.map(key -> EntropyReseeder.start(UnixTransport.create(
              TransportOptions.DEFAULTS.withMaximumFrameSize(EntropyReseeder.MAX_FRAME_BYTES).withReadDeadline(ENTROPY_SILENCE)),
          UnixDomainSocketAddress.of(entropy.get().socket()), key, drbg, sink, clock, ReseedOptions.defaults()));
      return new CryptodRunner(cryptod, reseeder, log, spoolDrain, socket, where, peers, LocalLog.logDirectory(auditHome),
          entropydKey);
    } catch (Exception e) {
      if (spoolDrain != null) {
        spoolDrain.shutdownNow();
      }
      log.close();
      throw e;
    }
  }

  /** The audit log, waiting up to 5 s while a command holds it for an append (it does so for milliseconds). */
  private static TransparencyLog openAuditLog(Path auditHome) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      try {
        return LocalLog.open(auditHome, LocalAuthority.AUDIT_ORIGIN, LogOptions.DEFAULTS, new LogMetrics());
      } catch (LogInUseException e) {
        if (System.nanoTime() > deadline) {
          throw new CliException(ErrorKind.OPERATION, e.getMessage() + ": is another 'castellan tokens serve' running on this"
              + " data directory?");
        }
        Thread.sleep(50);
      }
    }
  }

  private static void drain(AuditSpool spool, TransparencyLog log, RecordSigner signer) {
    try {
      spool.drainInto(log, signer, Duration.ofSeconds(10));
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "tokens serve: the audit spool could not be drained (it stays queued): " + e.getMessage());
    }
  }

  /**
   * The verifiers of request evidence: the bundled vendor roots (AWS Nitro, AMD, Intel) and this
   * data directory's simulator roots, pinned as simulated, so that simulated evidence verifies
   * but is labelled simulated, and a scope policy accepts it only with {@code acceptSimulated}.
   */
  static VerifierSet evidenceVerifiers(Path dataDirectory) throws IOException {
    TrustAnchors bundled = TrustAnchors.bundled();
    return VerifierSet.of(
        NitroVerifier.create(bundled.plus(SimulatorRoots.loadIfPresent(dataDirectory, Platform.NITRO).toArray(PinnedCertificate[]::new))),
        SnpVerifier.create(bundled.plus(SimulatorRoots.loadIfPresent(dataDirectory, Platform.SEV_SNP).toArray(PinnedCertificate[]::new))),
        TdxVerifier.create(bundled.plus(SimulatorRoots.loadIfPresent(dataDirectory, Platform.TDX).toArray(PinnedCertificate[]::new))));
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
      spoolDrain.shutdown();
      cryptod.close();
      spoolDrain.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      log.close();
    }
  }
}
