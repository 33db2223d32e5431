package dev.castellan.cli;

import dev.castellan.server.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;

/** What the long-running services share: their server configuration, the port-in-use error, their stop. */
public final class Serving {
  private Serving() {}

  /** The server configuration of the options; a bad value is a usage error. */
  public static ServerConfig config(CommandLine.Model.CommandSpec spec, Path data, int port, String bind, boolean plainHttp) {
    try {
      return ServerConfig.defaults().withDataDirectory(data).withPort(port).withBind(bind).withTls(!plainHttp);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The error for a port another process holds. */
  public static java.net.BindException portInUse(int port, String bind) {
    return new java.net.BindException("port " + port + " on " + bind
        + " is already in use; choose another with --port N (--port 0 picks a free one)");
  }

  /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes {@code service} and says {@code stopped}. */
  public static void untilStopped(AutoCloseable service, PrintWriter err, String stopped) throws InterruptedException {
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
