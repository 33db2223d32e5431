package dev.castellan.testkit;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real {@code nats-server -js} processes on random loopback ports with temporary store
 * directories: one node, or a three-node cluster with routes on loopback. Tests that use it
 * are skipped, with the reason, where the binary is absent (apt-get install nats-server).
 * Shared by the log's JetStream engine tests and the runtime's monitor tests.
 */
public final class NatsServers implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> clientPorts = new ArrayList<>();

  private NatsServers() {}

  public static String binary() {
    for (String candidate : List.of("/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    Assumptions.abort("nats-server is not installed (apt-get install -y nats-server)");
    return null;
  }

  public static NatsServers start(Path dir, int nodes) throws IOException {
    String binary = binary();
    NatsServers servers = new NatsServers();
    List<Integer> routePorts = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      servers.clientPorts.add(freePort());
      routePorts.add(freePort());
    }
    for (int i = 0; i < nodes; i++) {
      StringBuilder config = new StringBuilder()
          .append("server_name: n").append(i).append('\n')
          .append("listen: 127.0.0.1:").append(servers.clientPorts.get(i)).append('\n')
          .append("jetstream { store_dir: \"").append(dir.resolve("n" + i)).append("\" }\n");
      if (nodes > 1) {
        List<String> routes = new ArrayList<>();
        for (int j = 0; j < nodes; j++) {
          if (j != i) {
            routes.add("nats-route://127.0.0.1:" + routePorts.get(j));
          }
        }
        config.append("cluster { name: castellan, listen: 127.0.0.1:").append(routePorts.get(i))
            .append(", routes: [").append(String.join(", ", routes)).append("] }\n");
      }
      Path file = Files.writeString(dir.resolve("n" + i + ".conf"), config);
      servers.processes.add(new ProcessBuilder(binary, "-c", file.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("n" + i + ".log").toFile()).start());
    }
    return servers;
  }

  public String urls() {
    return String.join(",", clientPorts.stream().map(p -> "nats://127.0.0.1:" + p).toList());
  }

  /** A connection to every node that keeps reconnecting, once JetStream answers. */
  public Connection connect() throws Exception {
    Options options = new Options.Builder().servers(urls().split(",")).maxReconnects(-1)
        .reconnectWait(Duration.ofMillis(100)).connectionTimeout(Duration.ofSeconds(2))
        .errorListener(new io.nats.client.ErrorListener() {}).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        Connection connection = Nats.connect(options);
        try {
          connection.jetStreamManagement().getAccountStatistics();
          return connection;
        } catch (Exception e) {
          connection.close();
          throw e;
        }
      } catch (Exception e) {
        last = e;
        Thread.sleep(200);
      }
    }
    throw new IOException("nats-server did not become ready", last);
  }

  /** Kills node {@code i} with SIGKILL. */
  public void kill(int i) throws InterruptedException {
    processes.get(i).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroyForcibly();
    }
    for (Process p : processes) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A {@code nats://} URL on loopback where nothing listens (a port that was free a moment ago). */
  public static String unreachableUrl() throws IOException {
    return "nats://127.0.0.1:" + freePort();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
