package dev.castellan.bench.log;

import dev.castellan.bench.BenchDirectory;
import dev.castellan.core.signature.Ed25519PrivateKey;
import dev.castellan.log.AppendResult;
import dev.castellan.log.LogException;
import dev.castellan.log.LogMetrics;
import dev.castellan.log.LogOptions;
import dev.castellan.log.LogRecord;
import dev.castellan.log.RecordSigner;
import dev.castellan.log.TransparencyLog;
import dev.castellan.log.note.NoteSigner;
import dev.castellan.log.storage.EmbeddedStorage;
import dev.castellan.log.storage.LogStorage;
import dev.castellan.log.storage.NatsStorage;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable appends per second: 64 client threads each append a signed record and wait until
 * the log says it is durable (the future completed), as a server's request handlers would.
 * Group commit turns the concurrent appends into one fsync (embedded) or one pipelined
 * JetStream batch (NATS, single node started here). Each iteration starts a fresh log and
 * appends unique records pre-signed in setup (signing is the client's cost, not the log's;
 * the log's signature verification on append is included). Compare with
 * {@link FsyncBaselineBenchmark} from the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Threads(64)
public class LogAppendBenchmark {
  static final int POOL = 300_000;

  @Param({"embedded", "nats"})
  public String engine;

  /** 0: a checkpoint after every batch; otherwise at most one per interval (no waiters here). */
  @Param({"0", "1000"})
  public int checkpointIntervalMillis;

  private LogRecord[] pool;
  private final AtomicInteger next = new AtomicInteger();
  private NoteSigner key;
  private Path dir;
  private Process natsServer;
  private Connection connection;
  private TransparencyLog log;
  private int iteration;

  @Setup(Level.Trial)
  public void signPool() throws Exception {
    RecordSigner signer = RecordSigner.ed25519(Ed25519PrivateKey.generate(new SecureRandom()));
    pool = IntStream.range(0, POOL).parallel().mapToObj(i -> {
      try {
        return signer.sign(ByteBuffer.allocate(256).putInt(i).array());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toArray(LogRecord[]::new);
    key = NoteSigner.generate("castellan.bench/log", new SecureRandom());
    dir = BenchDirectory.create("log-bench");
    if (engine.equals("nats")) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      natsServer = new ProcessBuilder("nats-server", "-js", "-a", "127.0.0.1", "-p", Integer.toString(port),
          "-sd", dir.resolve("nats").toString()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("nats.log").toFile()).start();
      connection = connectWithRetry("nats://127.0.0.1:" + port);
    }
  }

  @Setup(Level.Iteration)
  public void openLog() throws IOException, LogException {
    iteration++;
    next.set(0);
    LogStorage storage = engine.equals("nats")
        ? NatsStorage.open(connection, new NatsStorage.Config("bench-" + iteration, 1))
        : EmbeddedStorage.open(Files.createDirectories(dir.resolve("embedded-" + iteration)), LogRecord.MAX_ENCODED_BYTES);
    LogOptions options = new LogOptions(LogOptions.DEFAULTS.maxBatchSize(), LogOptions.DEFAULTS.maxPending(),
        java.time.Duration.ofMillis(checkpointIntervalMillis));
    log = TransparencyLog.open(storage, key, options, new LogMetrics());
  }

  @TearDown(Level.Iteration)
  public void closeLog() throws IOException {
    log.close();
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    if (connection != null) {
      connection.close();
    }
    if (natsServer != null) {
      natsServer.destroy();
      natsServer.waitFor(10, TimeUnit.SECONDS);
    }
    BenchDirectory.delete(dir);
  }

  @Benchmark
  public AppendResult durableAppend() {
    int i = next.getAndIncrement();
    if (i >= POOL) {
      throw new IllegalStateException("the pre-signed record pool is exhausted: raise POOL");
    }
    return log.append(pool[i]).join();
  }

  private static Connection connectWithRetry(String url) throws Exception {
    Exception last = null;
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        Connection c = Nats.connect(url);
        c.jetStreamManagement().getAccountStatistics();
        return c;
      } catch (Exception e) {
        last = e;
        Thread.sleep(100);
      }
    }
    throw new IOException("nats-server did not start", last);
  }
}
