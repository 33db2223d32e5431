package dev.castellan.bench.forward;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code socat [-b BYTES] TCP-LISTEN:PORT,bind=127.0.0.1,fork,reuseaddr TCP:127.0.0.1:TARGET}
 * as a subprocess; without {@code -b}, socat's default 8 KiB buffer.
 */
final class Socat implements AutoCloseable {
  private final Process process;
  final int port;

  private Socat(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the relay ({@code bufferSize} 0 for socat's default) and waits until it accepts;
   * throws saying so if socat is not installed.
   */
  static Socat relay(int target, int bufferSize) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of("/usr/bin/socat"))) {
      throw new IllegalStateException("socat is not installed (apt-get install socat): the socat baseline is not run");
    }
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("/usr/bin/socat"));
    if (bufferSize > 0) {
      command.addAll(java.util.List.of("-b", Integer.toString(bufferSize)));
    }
    command.addAll(java.util.List.of("TCP-LISTEN:" + port + ",bind=127.0.0.1,fork,reuseaddr", "TCP:127.0.0.1:" + target));
    Process process = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try (SocketChannel probe = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
        return new Socat(process, port);
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          process.destroyForcibly();
          throw new IllegalStateException("socat did not start listening on 127.0.0.1:" + port);
        }
        Thread.sleep(20);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
