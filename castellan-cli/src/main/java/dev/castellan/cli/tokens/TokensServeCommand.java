package dev.castellan.cli.tokens;

import dev.castellan.authority.entropy.AuthorityRandom;
import dev.castellan.cli.DataDirectory;
import dev.castellan.cli.entropy.EntropydKeyFile;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code castellan tokens serve}: the token authority (cryptod) on a Unix socket. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the token authority (cryptod) on a Unix socket, or TCP with mutual TLS.",
      "",
      "It answers the CBOR envelopes token_issue_req and totp_validate_req, from the",
      "peers that DIR/authority/peers.json allows (deny by default), every decision",
      "a signed record in the authority's audit log (DIR/authority/audit/log;",
      "'castellan log verify --data DIR/authority/audit'). With --entropy it",
      "reseeds its DRBG from entropyd ('castellan entropy serve'), each chunk",
      "checked against entropyd's pinned key and recorded in the audit log; without",
      "entropyd it runs on its own DRBG. With --tcp HOST:PORT it serves mutual TLS 1.3",
      "as --tls-cert and --tls-key, trusting exactly the tls peers of the peer ACL.",
      "Ctrl-C stops it."
    })
public final class TokensServeCommand implements Callable<Integer> {
  /** Sets cryptod's DRBG apart from every other instance (SP 800-90A personalization string). */
  private static final byte[] PERSONALIZATION = "castellan cryptod".getBytes(StandardCharsets.US_ASCII);

  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: $CASTELLAN_DATA, else ./castellan-data).")
  Path data;

  @Option(names = "--peers", paramLabel = "FILE", description = "The peer ACL (default: DIR/authority/peers.json).")
  Path peers;

  @Option(names = "--socket", paramLabel = "PATH", description = "The Unix socket (default: DIR/authority/cryptod.sock).")
  Path socket;

  @Option(names = "--tcp", paramLabel = "HOST:PORT", description = "Serve TCP with mutual TLS instead (port 0 picks a free one).")
  String tcp;

  @Mixin TlsOptions tls;

  @Option(names = "--entropy", paramLabel = "SOCKET",
      description = "entropyd's Unix socket, to reseed the DRBG from (e.g. DIR/entropy/entropyd.sock; default: none).")
  Path entropy;

  @Option(names = "--entropy-key", paramLabel = "FILE",
      description = "entropyd's public key, the pin (default: DIR/entropy/entropyd-key.pub, written by 'entropy serve').")
  Path entropyKey;

  @Override
  public Integer call() throws Exception {
    if (entropyKey != null && entropy == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--entropy-key needs --entropy SOCKET");
    }
    CryptodRunner.Endpoint endpoint;
    if (tcp != null) {
      if (socket != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "give --socket or --tcp, not both");
      }
      try {
        endpoint = CryptodRunner.Endpoint.tcp(TcpAddress.parse(tcp), tls.credentials());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    } else if (tls.given()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--tls-cert and --tls-key go with --tcp");
    } else {
      endpoint = CryptodRunner.Endpoint.unix(socket);
    }
    Path directory = DataDirectory.resolve(data);
    Optional<CryptodRunner.EntropyFeed> feed = Optional.ofNullable(entropy).map(socketPath -> new CryptodRunner.EntropyFeed(
        socketPath, entropyKey != null ? entropyKey : EntropydKeyFile.defaultFile(directory)));
    CryptodRunner runner = CryptodRunner.start(directory, peers, endpoint, feed, Clock.systemUTC(),
        AuthorityRandom.create(PERSONALIZATION));
    PrintWriter out = spec.commandLine().getOut();
    out.println("cryptod is serving on " + runner.endpoint);
    out.println("  peers      " + runner.peers.toAbsolutePath().normalize());
    out.println("  audit log  " + runner.auditLog.toAbsolutePath().normalize());
    if (feed.isPresent()) {
      out.println("  entropy    " + feed.get().socket().toAbsolutePath().normalize() + " (entropyd key "
          + runner.entropydKey.orElseThrow().keyId() + ")");
    }
    out.println("Press Ctrl-C to stop.");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        runner.close();
      } catch (java.io.IOException e) {
        spec.commandLine().getErr().println("castellan tokens serve: closing the audit log failed: " + e.getMessage());
      }
      stopped.countDown();
    }, "cryptod-shutdown"));
    stopped.await();
    return 0;
  }
}
