package dev.castellan.cli.entropy;

import dev.castellan.authority.entropy.EntropyPublisher;
import dev.castellan.authority.entropy.Entropyd;
import dev.castellan.authority.entropy.EntropydOptions;
import dev.castellan.authority.service.PeerAcl;
import dev.castellan.authority.service.PeerService;
import dev.castellan.cli.CliException;
import dev.castellan.cli.ErrorKind;
import dev.castellan.cli.tokens.SimulatedOracleDevice;
import dev.castellan.keys.SealedKeyStore;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.tokens.AuthorityPublicKey;
import dev.castellan.tokens.SigningKey;
import dev.castellan.transport.TransportOptions;
import dev.castellan.transport.UnixTransport;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * The pieces of {@code castellan entropy serve}, assembled in {@code <data>/}{@value
 * #DIRECTORY}: the allowlist, entropyd's Ed25519 key (sealed as the oracle seals, so only this
 * build on this simulated device opens it), its public key for cryptod to pin, and entropyd on
 * a Unix socket.
 */
public final class EntropydRunner implements AutoCloseable {
  static final String DIRECTORY = EntropydKeyFile.DIRECTORY;
  static final String PEERS_FILE = "peers.json";
  static final String SOCKET_FILE = "entropyd.sock";
  static final String KEY_FILE = "entropyd-key.sealed";
  /** Connections served at once: a few cryptods and replicas, each holding at most two. */
  static final int MAX_CONNECTIONS = 16;
  /** A peer whose socket buffer is full for this long is dropped. */
  static final Duration WRITE_DEADLINE = Duration.ofSeconds(5);

  private final Entropyd entropyd;
  private final Path socket;
  final Path peers;
  private final Path publicKeyFile;

  private EntropydRunner(Entropyd entropyd, Path socket, Path peers, Path publicKeyFile) {
    this.entropyd = entropyd;
    this.socket = socket;
    this.peers = peers;
    this.publicKeyFile = publicKeyFile;
  }

  /** Starts entropyd on the data directory; {@code peersFile} and {@code socketFile} null for the defaults. */
  public static EntropydRunner start(Path dataDirectory, Path peersFile, Path socketFile, EntropydOptions options, Clock clock,
      SecureRandom random) throws Exception {
    Path dir = dataDirectory.resolve(DIRECTORY);
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Path peers = peersFile != null ? peersFile : dir.resolve(PEERS_FILE);
    if (!Files.exists(peers)) {
      throw new CliException(ErrorKind.OPERATION, "no peer allowlist at " + peers + ": every peer is refused without one;"
          + " write it (format: docs/authority.md, \"Entropy (entropyd)\") or give --peers FILE");
    }
    PeerAcl allowlist = PeerAcl.fromFile(peers, PeerService.ENTROPYD);
    SimulatedNitroTee device = SimulatedOracleDevice.boot(dataDirectory, clock, random);
    SigningKey key = SigningKey.ed25519(new SealedKeyStore(dir.resolve(KEY_FILE), Oracle.sealer(device, random))
        .loadOrGenerateEd25519(random));
    Path publicKeyFile = EntropydKeyFile.defaultFile(dataDirectory);
    EntropydKeyFile.write(publicKeyFile, key.publicKey());
    Path socket = socketFile != null ? socketFile : dir.resolve(SOCKET_FILE);
    TransportOptions transport = TransportOptions.DEFAULTS.withMaximumConnections(MAX_CONNECTIONS).withWriteDeadline(WRITE_DEADLINE);
    var listener = UnixTransport.create(transport).listen(UnixDomainSocketAddress.of(socket));
    Entropyd entropyd = Entropyd.start(listener, allowlist, EntropyPublisher.create(key, clock), options);
    return new EntropydRunner(entropyd, socket, peers, publicKeyFile);
  }

  public AuthorityPublicKey publicKey() {
    return entropyd.publicKey();
  }

  public Entropyd entropyd() {
    return entropyd;
  }

  public Path socket() {
    return socket;
  }

  public Path publicKeyFile() {
    return publicKeyFile;
  }

  @Override
  public void close() {
    entropyd.close();
  }
}
