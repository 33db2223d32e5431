package dev.castellan.runtime.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.transport.StreamAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forwarder end to end over real TCP and Unix sockets, with JDK channels as client and target. */
class ForwarderTest {
  private static final StreamAddress ANY_TCP = new StreamAddress.Tcp("127.0.0.1", 0);
  @TempDir Path directory;

  @Test
  void echo_tcpToTcp_roundTripsAndCountsBytes() throws Exception {
    try (TestServer target = TestServer.tcp(0);
        Forwarder forwarder = Forwarder.start(ANY_TCP, target.address(), ForwardOptions.DEFAULTS);
        SocketChannel client = TestServer.connect(forwarder.address())) {
      assertThat(roundTrip(client, "hello through the forwarder")).isEqualTo("hello through the forwarder");
      client.close();
      eventually(() -> assertThat(forwarder.counters()).isEqualTo(new ForwardCounters(1, 0, 0, 0, 0, 27, 27)));
    }
  }

  @Test
  void echo_unixToTcpAndTcpToUnix_roundTrip() throws Exception {
    try (TestServer unixTarget = TestServer.unix(directory.resolve("target.sock"), 0);
        Forwarder tcpToUnix = Forwarder.start(ANY_TCP, unixTarget.address(), ForwardOptions.DEFAULTS);
        Forwarder unixToTcp = Forwarder.start(new StreamAddress.Unix(directory.resolve("front.sock")),
            tcpToUnix.address(), ForwardOptions.DEFAULTS);
        SocketChannel client = TestServer.connect(unixToTcp.address())) {
      assertThat(roundTrip(client, "unix to tcp to unix")).isEqualTo("unix to tcp to unix");
    }
  }

  @Test
  void largeTransfer_50MegabytesBothWays_checksumsMatch() throws Exception {
    int size = 50 * 1024 * 1024;
    try (TestServer target = TestServer.unix(directory.resolve("echo.sock"), 0);
        Forwarder forwarder = Forwarder.start(ANY_TCP, target.address(), ForwardOptions.DEFAULTS);
        SocketChannel client = TestServer.connect(forwarder.address());
        ExecutorService writer = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> sent = writer.submit(() -> {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Random random = new Random(13);
        byte[] chunk = new byte[100_000];
        for (int done = 0; done < size; done += chunk.length) {
          random.nextBytes(chunk);
          int length = Math.min(chunk.length, size - done);
          digest.update(chunk, 0, length);
          ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, length);
          while (buffer.hasRemaining()) {
            client.write(buffer);
          }
        }
        client.shutdownOutput();
        return HexFormat.of().formatHex(digest.digest());
      });
      MessageDigest received = MessageDigest.getInstance("SHA-256");
      ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
      long count = 0;
      for (int n; (n = client.read(buffer)) >= 0; buffer.clear()) {
        received.update(buffer.array(), 0, n);
        count += n;
      }
      assertThat(count).isEqualTo(size);
      assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(sent.get(30, TimeUnit.SECONDS));
      eventually(() -> assertThat(forwarder.counters().bytesFromTarget()).isEqualTo(size));
      assertThat(forwarder.counters().bytesToTarget()).isEqualTo(size);
    }
  }

  @Test
  void halfClose_clientShutsDownOutput_stillReceivesTheRest() throws Exception {
    int trailer = 1024 * 1024;
    try (TestServer target = TestServer.tcp(trailer);
        Forwarder forwarder = Forwarder.start(ANY_TCP, target.address(), ForwardOptions.DEFAULTS);
        SocketChannel client = TestServer.connect(forwarder.address())) {
      client.write(ByteBuffer.wrap("last words".getBytes(StandardCharsets.US_ASCII)));
      client.shutdownOutput();
      byte[] all = readToEnd(client);
      assertThat(all).hasSize(10 + trailer);
      assertThat(new String(all, 0, 10, StandardCharsets.US_ASCII)).isEqualTo("last words");
      for (int i = 0; i < trailer; i += 4093) {
        assertThat(all[10 + i]).isEqualTo((byte) (i % 251));
      }
    }
  }

  @Test
  void connectionLimit_oneBeyondIsClosedAtOnceAndCounted_aFreedSlotIsReused() throws Exception {
    try (TestServer target = TestServer.tcp(0);
        Forwarder forwarder = Forwarder.start(ANY_TCP, target.address(), ForwardOptions.DEFAULTS.withMaximumConnections(2));
        SocketChannel first = TestServer.connect(forwarder.address());
        SocketChannel second = TestServer.connect(forwarder.address())) {
      assertThat(roundTrip(first, "1")).isEqualTo("1");
      assertThat(roundTrip(second, "2")).isEqualTo("2");
      try (SocketChannel third = TestServer.connect(forwarder.address())) {
        assertThat(readToEnd(third)).isEmpty();
      }
      assertThat(forwarder.counters().refused()).isEqualTo(1);
      first.close();
      eventually(() -> assertThat(forwarder.counters().active()).isEqualTo(1));
      try (SocketChannel fourth = TestServer.connect(forwarder.address())) {
        assertThat(roundTrip(fourth, "4")).isEqualTo("4");
      }
    }
  }

  @Test
  void targetRefused_clientIsClosedAndFailureCounted() throws Exception {
    StreamAddress nobody;
    try (TestServer gone = TestServer.tcp(0)) {
      nobody = gone.address();
    }
    try (Forwarder forwarder = Forwarder.start(ANY_TCP, nobody, ForwardOptions.DEFAULTS);
        SocketChannel client = TestServer.connect(forwarder.address())) {
      assertThat(readToEnd(client)).isEmpty();
      eventually(() -> assertThat(forwarder.counters()).isEqualTo(new ForwardCounters(1, 0, 0, 1, 0, 0, 0)));
    }
  }

  @Test
  void idleTimeout_silentConnectionIsClosedAndCounted() throws Exception {
    try (TestServer target = TestServer.tcp(0);
        Forwarder forwarder = Forwarder.start(ANY_TCP, target.address(),
            ForwardOptions.DEFAULTS.withIdleTimeout(Duration.ofMillis(300)));
        SocketChannel client = TestServer.connect(forwarder.address())) {
      assertThat(roundTrip(client, "then silence")).isEqualTo("then silence");
      long start = System.nanoTime();
      assertThat(readToEnd(client)).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(200));
      eventually(() -> assertThat(forwarder.counters().idleClosed()).isEqualTo(1));
    }
  }

  @Test
  void manyConcurrentConnections_eachGetsItsOwnBytesBack() throws Exception {
    int connections = 100;
    try (TestServer target = TestServer.tcp(0);
        Forwarder forwarder = Forwarder.start(ANY_TCP, target.address(), ForwardOptions.DEFAULTS);
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        int seed = i;
        results.add(clients.submit(() -> {
          byte[] data = new byte[64 * 1024];
          new Random(seed).nextBytes(data);
          try (SocketChannel client = TestServer.connect(forwarder.address())) {
            return java.util.Arrays.equals(exchange(client, data), data);
          }
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
      }
      eventually(() -> assertThat(forwarder.counters().active()).isZero());
      assertThat(forwarder.counters().accepted()).isEqualTo(connections);
      assertThat(forwarder.counters().bytesFromTarget()).isEqualTo(connections * 64L * 1024);
    }
  }

  @Test
  void close_closesOpenConnections() throws Exception {
    try (TestServer target = TestServer.tcp(0);
        SocketChannel client = connectThrough(target)) {
      assertThat(readToEnd(client)).isEmpty();
    }
  }

  private SocketChannel connectThrough(TestServer target) throws Exception {
    Forwarder forwarder = Forwarder.start(ANY_TCP, target.address(), ForwardOptions.DEFAULTS);
    SocketChannel client = TestServer.connect(forwarder.address());
    assertThat(roundTrip(client, "x")).isEqualTo("x");
    forwarder.close();
    assertThat(forwarder.counters().active()).isZero();
    return client;
  }

  private static String roundTrip(SocketChannel client, String text) throws Exception {
    return new String(exchange(client, text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  /** Writes {@code data} and reads as many bytes back. */
  private static byte[] exchange(SocketChannel client, byte[] data) throws Exception {
    ByteBuffer out = ByteBuffer.wrap(data);
    ByteBuffer in = ByteBuffer.allocate(data.length);
    while (out.hasRemaining()) {
      client.write(out);
      if (in.hasRemaining() && client.read(in) < 0) {
        break;
      }
    }
    while (in.hasRemaining() && client.read(in) >= 0) {
      // the rest of the echo
    }
    return java.util.Arrays.copyOf(in.array(), in.position());
  }

  private static byte[] readToEnd(SocketChannel client) throws Exception {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    try {
      for (int n; (n = client.read(buffer)) >= 0; buffer.clear()) {
        all.write(buffer.array(), 0, n);
      }
    } catch (java.io.IOException reset) {
      // a reset also ends the stream
    }
    return all.toByteArray();
  }

  static void eventually(ThrowingRunnable check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
