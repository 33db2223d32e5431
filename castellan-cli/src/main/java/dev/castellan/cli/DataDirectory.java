package dev.castellan.cli;

import java.nio.file.Path;

/**
 * The one rule for the data directory of every command: {@code --data DIR} when given, else
 * the environment variable {@code CASTELLAN_DATA}, else {@code ./castellan-data}. (Commands
 * that only <em>trust</em> what a data directory holds, such as simulator roots, take it from
 * an explicit {@code --data} only: an environment variable must not widen trust.)
 */
public final class DataDirectory {
  public static final String ENVIRONMENT = "CASTELLAN_DATA";
  public static final Path DEFAULT = Path.of("castellan-data");

  private DataDirectory() {}

  /** {@code given} if not null, else {@code $CASTELLAN_DATA} if set and not blank, else {@link #DEFAULT}. */
  public static Path resolve(Path given) {
    if (given != null) {
      return given;
    }
    String fromEnvironment = System.getenv(ENVIRONMENT);
    return fromEnvironment == null || fromEnvironment.isBlank() ? DEFAULT : Path.of(fromEnvironment);
  }
}
