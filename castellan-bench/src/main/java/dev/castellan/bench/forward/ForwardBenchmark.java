package dev.castellan.bench.forward;

import dev.castellan.runtime.forward.ForwardOptions;
import dev.castellan.runtime.forward.Forwarder;
import dev.castellan.transport.StreamAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The port forwarder on loopback TCP (issue 13: throughput ≥ 0.8× socat's) against the same
 * run's direct connection and {@code socat TCP-LISTEN:...,fork,reuseaddr TCP:...} relaying
 * to the same target.
 *
 * <ul>
 *   <li>{@code bulk*}: one operation writes {@link BenchTargets#BULK} (4 MiB) on a connection
 *       opened in set-up and waits for the sink's one-byte acknowledgement, so ops/s × 4 is
 *       MiB/s relayed;
 *   <li>{@code bulkSocatLargeBuffer}: the same through socat with {@code -b 65536}, the
 *       forwarder's buffer size;
 *   <li>{@code connect*}: one operation opens a connection, sends one byte, reads it echoed and
 *       closes: connections per second, each also a connection from the relay to the target.
 * </ul>
 *
 * The client, the forwarder and the targets share this JVM and the machine's CPUs; socat is a
 * separate process (it forks one child per connection, 8 KiB buffer by default), the
 * forwarder uses its defaults (64 KiB direct buffers, two threads per connection). If socat
 * is missing its benchmarks fail in set-up with a message saying they were not run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ForwardBenchmark {
  BenchTargets targets;
  Forwarder bulkForwarder;
  Forwarder pingForwarder;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    targets = new BenchTargets();
    StreamAddress any = new StreamAddress.Tcp("127.0.0.1", 0);
    bulkForwarder = Forwarder.start(any, new StreamAddress.Tcp("127.0.0.1", BenchTargets.port(targets.bulk)), ForwardOptions.DEFAULTS);
    pingForwarder = Forwarder.start(any, new StreamAddress.Tcp("127.0.0.1", BenchTargets.port(targets.ping)), ForwardOptions.DEFAULTS);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    bulkForwarder.close();
    pingForwarder.close();
    targets.close();
  }

  /** The two socat relays, set up only for the socat benchmarks. */
  @State(Scope.Benchmark)
  public static class SocatRelays {
    Socat bulk;
    Socat bulkLargeBuffer;
    Socat ping;

    @Setup(Level.Trial)
    public void start(ForwardBenchmark bench) throws Exception {
      bulk = Socat.relay(BenchTargets.port(bench.targets.bulk), 0);
      bulkLargeBuffer = Socat.relay(BenchTargets.port(bench.targets.bulk), 64 * 1024);
      ping = Socat.relay(BenchTargets.port(bench.targets.ping), 0);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      bulk.close();
      bulkLargeBuffer.close();
      ping.close();
    }
  }

  /** A bulk connection per path, opened once. */
  public abstract static class Bulk {
    final ByteBuffer payload = ByteBuffer.allocateDirect(BenchTargets.BULK);
    final ByteBuffer ack = ByteBuffer.allocateDirect(1);
    SocketChannel channel;

    void open(int port) throws IOException {
      channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
    }

    int send() throws IOException {
      payload.clear();
      while (payload.hasRemaining()) {
        channel.write(payload);
      }
      ack.clear();
      if (channel.read(ack) != 1) {
        throw new IOException("the sink did not acknowledge");
      }
      return ack.get(0);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      channel.close();
    }
  }

  @State(Scope.Thread)
  public static class DirectBulk extends Bulk {
    @Setup(Level.Trial)
    public void open(ForwardBenchmark bench) throws IOException {
      open(BenchTargets.port(bench.targets.bulk));
    }
  }

  @State(Scope.Thread)
  public static class ForwardedBulk extends Bulk {
    @Setup(Level.Trial)
    public void open(ForwardBenchmark bench) throws IOException {
      open(((StreamAddress.Tcp) bench.bulkForwarder.address()).port());
    }
  }

  @State(Scope.Thread)
  public static class SocatBulk extends Bulk {
    @Setup(Level.Trial)
    public void open(SocatRelays socat) throws IOException {
      open(socat.bulk.port);
    }
  }

  @State(Scope.Thread)
  public static class SocatLargeBufferBulk extends Bulk {
    @Setup(Level.Trial)
    public void open(SocatRelays socat) throws IOException {
      open(socat.bulkLargeBuffer.port);
    }
  }

  @Benchmark
  public int bulkDirect(DirectBulk bulk) throws IOException {
    return bulk.send();
  }

  @Benchmark
  public int bulkForwarder(ForwardedBulk bulk) throws IOException {
    return bulk.send();
  }

  @Benchmark
  public int bulkSocat(SocatBulk bulk) throws IOException {
    return bulk.send();
  }

  /** socat with {@code -b 65536}, the forwarder's buffer size, for a like-for-like buffer. */
  @Benchmark
  public int bulkSocatLargeBuffer(SocatLargeBufferBulk bulk) throws IOException {
    return bulk.send();
  }

  @Benchmark
  public int connectDirect() throws IOException {
    return ping(BenchTargets.port(targets.ping));
  }

  @Benchmark
  public int connectForwarder() throws IOException {
    return ping(((StreamAddress.Tcp) pingForwarder.address()).port());
  }

  @Benchmark
  public int connectSocat(SocatRelays socat) throws IOException {
    return ping(socat.ping.port);
  }

  private static int ping(int port) throws IOException {
    try (SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
      ByteBuffer one = ByteBuffer.allocate(1).put((byte) 7).flip();
      channel.write(one);
      if (channel.read(one.clear()) != 1) {
        throw new IOException("no echo");
      }
      return one.get(0);
    }
  }
}
