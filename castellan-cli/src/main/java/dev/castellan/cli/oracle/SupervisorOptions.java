package dev.castellan.cli.oracle;

import dev.castellan.server.oracle.OracleExtension;
import dev.castellan.server.proxy.ProxyOptions;
import dev.castellan.server.proxy.ReverseProxy;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The flags of {@code castellan up} that make the oracle an attesting reverse proxy in front
 * of an application (seed 001's supervisor, nitriding's contract; docs/proxy.md).
 */
public final class SupervisorOptions {
  @Option(names = "--upstream", paramLabel = "URL",
      description = "Supervisor mode: proxy every path the oracle does not serve to this http://HOST:PORT.")
  URI upstream;

  @Option(names = "--upstream-unit", paramLabel = "FILE",
      description = "With --upstream: start the application from this unit file (TOML) and stop it with the oracle.")
  Path unitFile;

  @Option(names = "--app-listen", paramLabel = "HOST:PORT",
      description = "With --upstream: the application's loopback listener for POST /enclave/hash"
          + " (default 127.0.0.1:8080).")
  String appListen;

  /** The proxy these flags ask for, if any; a bad combination or value is a usage error. */
  Optional<ReverseProxy> proxy(CommandSpec spec) {
    if (upstream == null) {
      if (unitFile != null || appListen != null) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            (unitFile != null ? "--upstream-unit" : "--app-listen") + " needs --upstream URL (the application's address)");
      }
      return Optional.empty();
    }
    try {
      ProxyOptions options = ProxyOptions.of(upstream);
      if (appListen != null) {
        int colon = appListen.lastIndexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException("--app-listen must be HOST:PORT, e.g. 127.0.0.1:8080");
        }
        String host = appListen.substring(0, colon);
        options = options.withAppListener(host.startsWith("[") ? host.substring(1, host.length() - 1) : host,
            port(appListen.substring(colon + 1)));
      }
      if (unitFile != null) {
        if (!Files.isRegularFile(unitFile)) {
          throw new IllegalArgumentException("--upstream-unit " + unitFile + ": no such file");
        }
        try {
          ReverseProxy.checkUnit(unitFile);
        } catch (java.io.IOException e) {
          throw new IllegalArgumentException("--upstream-unit " + e.getMessage());
        }
        options = options.withUnitFile(unitFile);
      }
      return Optional.of(new ReverseProxy(options));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static int port(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--app-listen must be HOST:PORT with a numeric port, got " + text);
    }
  }

  static List<OracleExtension> extensions(Optional<ReverseProxy> proxy) {
    return proxy.<List<OracleExtension>>map(List::of).orElse(List.of());
  }

  /** The lines {@code up} prints about the proxy once the oracle is up. */
  static void print(Optional<ReverseProxy> proxy, PrintWriter out) {
    proxy.ifPresent(p -> {
      out.println("  upstream        " + p.options().upstream() + p.unitLog()
          .map(log -> "  (unit started; its output in " + log.toAbsolutePath().normalize() + ")")
          .orElse("  (not started by castellan: no --upstream-unit)"));
      out.println("  app listener    " + p.applicationUrl().orElse("?")
          + "  (the application's POST /enclave/hash, GET /enclave/ready; loopback only)");
    });
  }
}
