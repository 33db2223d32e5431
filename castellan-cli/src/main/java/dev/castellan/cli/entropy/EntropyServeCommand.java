package dev.castellan.cli.entropy;

import dev.castellan.authority.entropy.AuthorityRandom;
import dev.castellan.authority.entropy.EntropydOptions;
import dev.castellan.cli.DataDirectory;
import dev.castellan.cli.ReferenceValueOptions;
import dev.castellan.core.cose.CoseAlgorithm;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code castellan entropy serve}: entropyd on a Unix socket. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve signed entropy chunks (entropyd) on a Unix socket.",
      "",
      "Every peer that DIR/entropy/peers.json allows (by its uid; deny by default)",
      "receives an entropy_pub envelope every --every: a fresh chunk from",
      "entropyd's own DRBG, signed by entropyd's Ed25519 key (sealed in DIR/entropy",
      "as the oracle seals). Everyone else is refused at connect. cryptod takes the",
      "chunks with 'castellan tokens serve --entropy SOCKET', pinning the public",
      "key this writes to DIR/entropy/entropyd-key.pub. Ctrl-C stops it."
    })
public final class EntropyServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: $CASTELLAN_DATA, else ./castellan-data).")
  Path data;

  @Option(names = "--peers", paramLabel = "FILE", description = "The allowlist (default: DIR/entropy/peers.json).")
  Path peers;

  @Option(names = "--socket", paramLabel = "PATH", description = "The Unix socket (default: DIR/entropy/entropyd.sock).")
  Path socket;

  @Option(names = "--chunk-bytes", paramLabel = "N", defaultValue = "64",
      description = "Bytes per chunk, 64 to 512 (default: ${DEFAULT-VALUE}).")
  int chunkBytes;

  @Option(names = "--every", paramLabel = "DURATION", defaultValue = "10s",
      description = "Time between two chunks on a connection, PT0.1S to 5m (default: ${DEFAULT-VALUE}).")
  String every;

  @Override
  public Integer call() throws Exception {
    EntropydOptions options = options();
    EntropydRunner runner = EntropydRunner.start(DataDirectory.resolve(data), peers, socket, options, Clock.systemUTC(),
        new SecureRandom());
    PrintWriter out = spec.commandLine().getOut();
    out.println("entropyd is serving on " + runner.socket().toAbsolutePath().normalize());
    out.println("  peers       " + runner.peers.toAbsolutePath().normalize());
    out.println("  public key  " + runner.publicKeyFile().toAbsolutePath().normalize() + " ("
        + (runner.publicKey().algorithm() == CoseAlgorithm.EDDSA ? "Ed25519" : "ES256") + ", kid " + runner.publicKey().keyId() + ")");
    out.println("  chunks      " + options.chunkBytes() + " bytes every " + text(options.interval()));
    out.println("Press Ctrl-C to stop.");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runner.close();
      stopped.countDown();
    }, "entropyd-shutdown"));
    stopped.await();
    return 0;
  }

  private EntropydOptions options() {
    Duration interval;
    try {
      interval = ReferenceValueOptions.duration("--every", every);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (chunkBytes < AuthorityRandom.MIN_CHUNK || chunkBytes > AuthorityRandom.MAX_CHUNK) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--chunk-bytes must be 64 to 512, got " + chunkBytes);
    }
    if (interval.compareTo(EntropydOptions.MIN_INTERVAL) < 0 || interval.compareTo(EntropydOptions.MAX_INTERVAL) > 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--every must be 100 ms to 5 min, got " + every);
    }
    return EntropydOptions.defaults().withChunkBytes(chunkBytes).withInterval(interval);
  }

  /** {@code 10s}, {@code 250ms}. */
  private static String text(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
