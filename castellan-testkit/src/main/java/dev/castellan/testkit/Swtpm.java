package dev.castellan.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real software TPM ({@code swtpm socket --tpm2}) on free loopback ports, for tests, with a
 * state directory of its own: each instance has its own primary seeds, so an object sealed on
 * one does not load on another. Skips the calling test with a reason when swtpm or tpm2-tools
 * is not installed.
 */
public final class Swtpm implements AutoCloseable {
  private final Process process;
  private final Path state;
  private final int port;

  private Swtpm(Process process, Path state, int port) {
    this.process = process;
    this.state = state;
    this.port = port;
  }

  /** Whether {@code binary} is an executable on {@code PATH}. */
  public static boolean installed(String binary) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(":")) {
      if (Files.isExecutable(Path.of(dir, binary))) {
        return true;
      }
    }
    return false;
  }

  /** Starts a fresh swtpm (all PCRs zero), or skips the test if swtpm or tpm2-tools is absent. */
  public static Swtpm start() throws Exception {
    Assumptions.assumeTrue(installed("swtpm"),
        "swtpm not installed (Debian: apt-get install -y swtpm swtpm-tools)");
    Assumptions.assumeTrue(installed("tpm2_quote"),
        "tpm2-tools not installed (Debian: apt-get install -y tpm2-tools)");
    Path state = Files.createTempDirectory("castellan-swtpm-");
    for (int attempt = 0; attempt < 10; attempt++) {
      int port = freePortPair();
      Process process = new ProcessBuilder("swtpm", "socket", "--tpm2",
          "--tpmstate", "dir=" + state,
          "--ctrl", "type=tcp,port=" + (port + 1) + ",bindaddr=127.0.0.1",
          "--server", "type=tcp,port=" + port + ",bindaddr=127.0.0.1",
          "--flags", "not-need-init,startup-clear")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      for (int wait = 0; wait < 50 && process.isAlive(); wait++) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return new Swtpm(process, state, port);
        } catch (IOException notYet) {
          Thread.sleep(50);
        }
      }
      process.destroyForcibly().waitFor();
    }
    throw new IllegalStateException("swtpm did not start");
  }

  private static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      if (port < 65535) {
        try (ServerSocket next = new ServerSocket(port + 1)) {
          return port;
        } catch (IOException taken) {
          // try another pair
        }
      }
    }
    throw new IOException("no free port pair");
  }

  /** A swtpm TCTI on a loopback port where nothing listens (it was free a moment ago): an unreachable TPM. */
  public static String unreachableTcti() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return "swtpm:host=127.0.0.1,port=" + socket.getLocalPort();
    }
  }

  /** The TCTI string for tpm2-tools. */
  public String tcti() {
    return "swtpm:host=127.0.0.1,port=" + port;
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    try (Stream<Path> files = Files.walk(state)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
