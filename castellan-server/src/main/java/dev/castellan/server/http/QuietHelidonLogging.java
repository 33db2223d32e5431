package dev.castellan.server.http;

import io.helidon.logging.common.spi.LoggingProvider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Helidon's logging hook, so the oracle's output is ours. Without a provider on the class
 * path Helidon prints "There is no Helidon logging implementation on classpath" to standard
 * error on every start; with this one, java.util.logging stays as the JDK (and the CLI's
 * one-line format) configured it, and Helidon's own start-up and shutdown notices (features,
 * channels, sockets) are kept below INFO. Its warnings and errors still show, except the
 * report of a listener that could not bind: {@link HttpService#bind} turns that into its own
 * one-line error naming the port, so Helidon's stack trace of it is dropped.
 */
public final class QuietHelidonLogging implements LoggingProvider {
  /** Held strongly: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
  private static final Logger HELIDON = Logger.getLogger("io.helidon");

  /** Where Helidon reports a server that failed to start (java.util.logging filters are per logger). */
  private static final java.util.List<Logger> START_FAILURES = java.util.List.of(
      Logger.getLogger("io.helidon.webserver.LoomServer"), Logger.getLogger("io.helidon.webserver.ServerListener"));

  /** Also called by {@link HttpService} before it builds a server: some notices come before the hook. */
  static void apply() {
    HELIDON.setLevel(Level.WARNING);
    START_FAILURES.forEach(logger -> logger.setFilter(QuietHelidonLogging::notABindFailure));
  }

  /** False for Helidon's report of a failed bind and for its "failed to start" that follows it. */
  static boolean notABindFailure(java.util.logging.LogRecord record) {
    for (Throwable cause = record.getThrown(); cause != null; cause = cause.getCause()) {
      if (cause instanceof java.net.BindException) {
        return false;
      }
    }
    return record.getMessage() == null || !record.getMessage().startsWith("Helidon WebServer failed to start");
  }

  @Override
  public void initialization() {
    apply();
  }

  @Override
  public void runTime() {
    apply();
  }
}
