package dev.castellan.cli.agent;

import dev.castellan.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;

/** What {@code agent} and {@code payload} share as long-running services: their address options and their stop. */
final class Serving {
  private Serving() {}

  /** The server configuration of the options; a bad value is a usage error. */
  static ServerConfig config(CommandLine.Model.CommandSpec spec, Path data, int port, String bind, boolean plainHttp) {
    try {
      return ServerConfig.defaults().withDataDirectory(data).withPort(port).withBind(bind).withTls(!plainHttp);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The error for a port another process holds. */
  static IOException portInUse(int port, String bind) {
    return new IOException("port " + port + " on " + bind
        + " is already in use; choose another with --port N (--port 0 picks a free one)");
  }

  /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes {@code service} and says {@code stopped}. */
  static void untilStopped(AutoCloseable service, PrintWriter err, String stopped) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      String outcome = stopped;
      try {
        service.close();
      } catch (Exception e) {
        outcome = stopped + " (closing failed: " + e.getMessage() + ")";
      }
      err.println(outcome);
      err.flush();
      done.countDown();
    }, "castellan-shutdown"));
    done.await();
  }
}
