package dev.castellan.server.http;

import io.helidon.logging.common.spi.LoggingProvider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Helidon's logging hook, so the oracle's output is ours. Without a provider on the class
 * path Helidon prints "There is no Helidon logging implementation on classpath" to standard
 * error on every start; with this one, java.util.logging stays as the JDK (and the CLI's
 * one-line format) configured it, and Helidon's own start-up and shutdown notices (features,
 * channels, sockets) are kept below INFO. Its warnings and errors still show.
 */
public final class QuietHelidonLogging implements LoggingProvider {
  /** Held strongly: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
  private static final Logger HELIDON = Logger.getLogger("io.helidon");

  /** Also called by {@link HttpService} before it builds a server: some notices come before the hook. */
  static void apply() {
    HELIDON.setLevel(Level.WARNING);
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
