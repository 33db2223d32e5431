package dev.castellan.cli.forward;

import dev.castellan.cli.CliException;
import dev.castellan.cli.ErrorKind;
import dev.castellan.runtime.forward.ForwardOptions;
import dev.castellan.runtime.forward.Forwarder;
import dev.castellan.transport.StreamAddress;
import dev.castellan.transport.TransportException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What both forward subcommands do: parse the two addresses and limits, forward until Ctrl-C. */
abstract class ForwardRun implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--listen", required = true, paramLabel = "ADDR",
      description = "Where to accept: HOST:PORT, tcp:HOST:PORT, unix:PATH, vsock:PORT (any CID) or vsock:CID:PORT.")
  String listen;

  @Option(names = "--to", required = true, paramLabel = "ADDR",
      description = "Where to relay each connection: HOST:PORT, tcp:HOST:PORT, unix:PATH or vsock:CID:PORT.")
  String to;

  @Option(names = "--max-connections", paramLabel = "N", defaultValue = "256",
      description = "Connections relayed at once; more are closed at once and counted as refused (default: 256).")
  int maximumConnections;

  @Option(names = "--buffer-size", paramLabel = "BYTES", defaultValue = "65536",
      description = "Buffer per direction and connection, 1024..16777216 (default: 65536).")
  int bufferSize;

  @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "Longest connect to the target (TCP; vsock uses the kernel's, 2 s) (default: 10).")
  long connectTimeout;

  @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "300",
      description = "Close a connection idle this long in both directions; 0 for never (default: 300).")
  long idleTimeout;

  @Option(names = "--stats-every", paramLabel = "SECONDS", defaultValue = "60",
      description = "Print the counters this often; 0 for only on exit (default: 60).")
  long statsEvery;

  @Override
  public Integer call() throws Exception {
    StreamAddress listenAddress = address("--listen", listen, true);
    StreamAddress target = address("--to", to, false);
    if (listenAddress.equals(target)) {
      throw new ParameterException(spec.commandLine(),
          "--to is the --listen address: every connection would be forwarded to the forwarder itself");
    }
    ForwardOptions options = options();
    Forwarder forwarder;
    try {
      forwarder = Forwarder.start(listenAddress, target, options);
    } catch (TransportException e) {
      throw new CliException(ErrorKind.OPERATION, "--listen: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    String name = spec.qualifiedName();
    out.println(name + ": listening on " + forwarder.address() + ", forwarding to " + forwarder.target());
    out.println(String.format(Locale.ROOT,
        "  limits: %d connections (more are refused), %d-byte buffers, connect timeout %d s, idle timeout %s",
        options.maximumConnections(), options.bufferSize(), connectTimeout,
        idleTimeout == 0 ? "none" : idleTimeout + " s"));
    out.println("Press Ctrl-C to stop.");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      forwarder.close();
      out.println(name + ": stopped; " + forwarder.counters().describe());
      out.flush();
      stopped.countDown();
    }, "castellan-forward-shutdown"));
    while (!stopped.await(statsEvery == 0 ? Long.MAX_VALUE : statsEvery, TimeUnit.SECONDS)) {
      out.println(name + ": " + forwarder.counters().describe());
      out.flush();
    }
    return 0;
  }

  private StreamAddress address(String option, String text, boolean listening) {
    try {
      return listening ? StreamAddress.parseListen(text) : StreamAddress.parseConnect(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }

  private ForwardOptions options() {
    if (connectTimeout < 1 || idleTimeout < 0 || statsEvery < 0) {
      throw new ParameterException(spec.commandLine(),
          "--connect-timeout must be at least 1 and --idle-timeout, --stats-every at least 0 (seconds)");
    }
    try {
      return new ForwardOptions(bufferSize, maximumConnections, Duration.ofSeconds(connectTimeout),
          Duration.ofSeconds(idleTimeout));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
