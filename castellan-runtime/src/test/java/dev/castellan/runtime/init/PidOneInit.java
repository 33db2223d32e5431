package dev.castellan.runtime.init;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The service manager as a program, for {@link OrphanReaperTest} to run as PID 1 of a PID
 * namespace: {@code PidOneInit UNITS LOGS REAP REPORT}. Prints {@code started}; on SIGTERM it
 * writes {@code reaped N} and each service's {@code NAME EXITCODE} to REPORT, then stops.
 */
public final class PidOneInit {
  private PidOneInit() {}

  public static void main(String[] args) throws Exception {
    InitOptions options = InitOptions.defaults(Path.of(args[0]), Path.of(args[1]))
        .withGrace(java.time.Duration.ofMillis(500));
    boolean reap = Boolean.parseBoolean(args[2]);
    Path report = Path.of(args[3]);
    ServiceManager manager = reap ? ServiceManager.load(options) : ServiceManager.load(options, false);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      List<String> lines = new ArrayList<>();
      lines.add("pid1 " + ServiceManager.isPid1());
      lines.add("reaped " + manager.systemStatus().orphansReaped());
      for (ServiceStatus status : manager.list()) {
        lines.add(status.name() + " " + (status.lastExitCode().isPresent() ? status.lastExitCode().getAsInt() : "running"));
      }
      manager.shutdown();
      try {
        Files.write(report, lines);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }));
    manager.startAll();
    System.out.println("started");
    System.out.flush();
    manager.awaitShutdown();
  }
}
