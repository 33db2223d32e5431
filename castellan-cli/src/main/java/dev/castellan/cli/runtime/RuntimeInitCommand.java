package dev.castellan.cli.runtime;

import dev.castellan.cli.CliException;
import dev.castellan.cli.ErrorKind;
import dev.castellan.runtime.init.ControlAddress;
import dev.castellan.runtime.init.ControlProtocol;
import dev.castellan.runtime.init.ControlServer;
import dev.castellan.runtime.init.InitException;
import dev.castellan.runtime.init.InitOptions;
import dev.castellan.runtime.init.ServiceManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code castellan runtime init}: the service manager (seed 003's enclave-init) in the
 * foreground until SIGTERM or a SystemShutdown request; as PID 1 it also reaps orphans.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Run the service manager: start the units of DIR in dependency order, restart them by",
      "policy, log them, and serve JSON-RPC control on --control. SIGTERM or SystemShutdown",
      "stops every service in reverse order (SIGTERM, SIGKILL after --grace)."
    })
public final class RuntimeInitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--units", paramLabel = "DIR", required = true, description = "Directory of NAME.service unit files.")
  Path units;

  @Option(names = "--control", paramLabel = "ADDRESS", required = true,
      description = "Control socket: unix:PATH, vsock:PORT or vsock:CID:PORT.")
  String control;

  @Option(names = "--logs", paramLabel = "DIR", defaultValue = "logs", description = "Where NAME.log files go (default: ./logs).")
  Path logs;

  @Option(names = "--grace", paramLabel = "MS", defaultValue = "10000",
      description = "Milliseconds between SIGTERM and SIGKILL when stopping (default: 10000).")
  long graceMillis;

  @Option(names = "--log-size", paramLabel = "BYTES", defaultValue = "1048576",
      description = "Rotate a log file at this size (default: 1048576).")
  long logSize;

  @Option(names = "--log-files", paramLabel = "N", defaultValue = "5", description = "Rotated log files kept per service (default: 5).")
  int logFiles;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ControlAddress address;
    InitOptions options;
    try {
      address = ControlAddress.parse(control);
      options = InitOptions.defaults(units, logs).withGrace(Duration.ofMillis(graceMillis)).withLogRotation(logSize, logFiles);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    ServiceManager manager;
    ControlServer server;
    try {
      manager = ServiceManager.load(options);
    } catch (InitException e) {
      throw new CliException(ErrorKind.OPERATION, e.getMessage());
    }
    try {
      server = ControlServer.start(address, new ControlProtocol(manager,
          () -> Thread.ofPlatform().name("castellan-init-shutdown").start(manager::shutdown)), line -> {
            err.println("castellan runtime init: " + line);
            err.flush();
          });
    } catch (InitException e) {
      manager.shutdown();
      throw new CliException(ErrorKind.OPERATION, e.getMessage());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      manager.shutdown();
    }, "castellan-init-sigterm"));
    manager.startAll();
    out.println("castellan runtime init: " + manager.list().size() + " units from " + units
        + (ServiceManager.isPid1() ? " (PID 1: reaping orphans)" : ""));
    out.println("  control on " + address);
    out.flush();
    manager.awaitShutdown();
    server.close();
    out.println("castellan runtime init: stopped");
    out.flush();
    return 0;
  }
}
