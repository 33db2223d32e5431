package dev.castellan.server.proxy;

import dev.castellan.server.http.Route;
import dev.castellan.server.oracle.OracleContext;
import dev.castellan.server.oracle.OracleExtension;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The oracle in supervisor mode (seed 001's introspector-init, nitriding's proxy): an {@link
 * OracleExtension} that
 *
 * <ol>
 *   <li>opens the application's loopback listener ({@link ApplicationListener}: {@code POST
 *       /enclave/hash}, {@code GET /enclave/ready}) on the oracle's {@link
 *       dev.castellan.server.oracle.ApplicationKeySlot};
 *   <li>starts the application's unit, if one is configured ({@link UpstreamUnit});
 *   <li>serves every path the oracle does not serve itself by forwarding it to the upstream
 *       ({@link UpstreamForwarder}), for GET, POST, PUT, PATCH, DELETE and OPTIONS, except
 *       nitriding's namespace {@code /enclave/}: there the public port answers only the
 *       oracle's {@code /enclave/attestation}, and 404 for the rest.
 * </ol>
 *
 * The oracle's own endpoints ({@code /enclave/attestation}, {@code /v1/info}, {@code
 * /v1/enclave-info}, {@code /v1/migration-status}, {@code /v1/sign}, the log and token routes,
 * {@code /metrics}, {@code /healthz}) are matched first and never reach the upstream; every
 * response, proxied or not, carries the oracle's response signatures, added by its router.
 * Closing stops the unit, then the listener and the client, in that order.
 */
public final class ReverseProxy implements OracleExtension {
  private static final System.Logger LOG = System.getLogger(ReverseProxy.class.getName());
  static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  /** A body read (and dropped) before the public port's 404 for /enclave/: a registration's, with room to spare. */
  static final int NAMESPACE_BODY = 1024;

  private final ProxyOptions options;
  private ApplicationListener listener;
  private UpstreamUnit unit;
  private UpstreamForwarder forwarder;

  public ReverseProxy(ProxyOptions options) {
    this.options = options;
  }

  @Override
  public synchronized List<Route> routes(OracleContext context) throws IOException {
    listener = ApplicationListener.start(options.appHost(), options.appPort(), context.applicationKey());
    LOG.log(System.Logger.Level.INFO, "application listener on {0} (POST /enclave/hash, GET /enclave/ready)",
        listener.baseUrl());
    if (options.unitFile().isPresent()) {
      unit = UpstreamUnit.start(options.unitFile().get(), context.config().dataDirectory());
    }
    forwarder = new UpstreamForwarder(options, context.config().tls());
    LOG.log(System.Logger.Level.INFO, "proxying every other path to {0}", options.upstreamBase());
    List<Route> routes = new ArrayList<>();
    for (String method : METHODS) {
      int limit = method.equals("GET") || method.equals("OPTIONS") ? 0 : options.maxRequestBytes();
      // "/" itself, and every path below it (the router's longest match puts the oracle's first).
      routes.add(new Route(method, "/", limit, forwarder::forward, false));
      routes.add(new Route(method, "/", limit, forwarder::forward, true));
      // nitriding's namespace is never forwarded: /enclave/hash above all must not be reachable from outside.
      routes.add(new Route(method, "/enclave/", NAMESPACE_BODY, ReverseProxy::notOnThePublicPort, true));
    }
    return routes;
  }

  private static dev.castellan.server.http.Response notOnThePublicPort(dev.castellan.server.http.Request request)
      throws dev.castellan.server.http.HttpError {
    throw dev.castellan.server.http.HttpError.notFound("no such endpoint on the public port (the application's"
        + " /enclave/hash and /enclave/ready are served on its loopback listener only)");
  }

  /** The application listener's base URL, once the oracle has booted. */
  public synchronized Optional<String> applicationUrl() {
    return Optional.ofNullable(listener).map(ApplicationListener::baseUrl);
  }

  /** The upstream unit's log file, if a unit was started. */
  public synchronized Optional<java.nio.file.Path> unitLog() {
    return Optional.ofNullable(unit).map(UpstreamUnit::logFile);
  }

  /** The upstream unit's current status, if a unit was started. */
  public synchronized Optional<dev.castellan.runtime.init.ServiceStatus> unitStatus() {
    if (unit == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(unit.status());
    } catch (dev.castellan.runtime.init.InitException e) {
      return Optional.empty();
    }
  }

  /**
   * Checks {@code unitFile} as {@link ProxyOptions#unitFile()} before anything boots, so a bad
   * unit fails first, with its file and line.
   */
  public static void checkUnit(java.nio.file.Path unitFile) throws IOException {
    UpstreamUnit.check(unitFile);
  }

  public ProxyOptions options() {
    return options;
  }

  @Override
  public synchronized void close() {
    if (unit != null) {
      unit.close();
      unit = null;
    }
    if (listener != null) {
      listener.close();
      listener = null;
    }
    if (forwarder != null) {
      forwarder.close();
      forwarder = null;
    }
  }
}
