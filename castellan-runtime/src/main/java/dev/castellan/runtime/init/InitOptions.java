package dev.castellan.runtime.init;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * How the service manager runs. {@link #defaults(Path, Path)}: a 10 s grace period between
 * SIGTERM and SIGKILL, logs rotated at 1 MiB keeping 5 old files per service, restart delays
 * doubling from {@code RestartSec} up to 60 s.
 *
 * @param units the directory of {@code *.service} files
 * @param logs where {@code NAME.log} (and {@code NAME.log.1} ...) are written
 * @param grace how long a stopping service has after SIGTERM before SIGKILL
 * @param logFileSize the size at which a log file is rotated, 4 KiB to 1 GiB
 * @param logFiles how many rotated files are kept besides the current one, 0 to 100
 * @param backoffCap the longest delay between restarts; a run that lasted at least this long
 *     resets the doubling
 * @param clock measures how long a run lasted
 * @param sleeper waits out restart delays
 */
public record InitOptions(Path units, Path logs, Duration grace, long logFileSize, int logFiles,
    Duration backoffCap, InstantSource clock, Sleeper sleeper) {
  /** Checks the ranges. */
  public InitOptions {
    Objects.requireNonNull(units, "units");
    Objects.requireNonNull(logs, "logs");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
    if (grace.isNegative() || backoffCap.isNegative()) {
      throw new IllegalArgumentException("grace and backoffCap must not be negative");
    }
    if (logFileSize < 4096 || logFileSize > (1L << 30)) {
      throw new IllegalArgumentException("logFileSize is 4 KiB to 1 GiB");
    }
    if (logFiles < 0 || logFiles > 100) {
      throw new IllegalArgumentException("logFiles is 0 to 100");
    }
  }

  /** The defaults for {@code units} and {@code logs}. */
  public static InitOptions defaults(Path units, Path logs) {
    return new InitOptions(units, logs, Duration.ofSeconds(10), 1 << 20, 5, Duration.ofSeconds(60),
        InstantSource.system(), Sleeper.SYSTEM);
  }

  public InitOptions withGrace(Duration value) {
    return new InitOptions(units, logs, value, logFileSize, logFiles, backoffCap, clock, sleeper);
  }

  public InitOptions withLogRotation(long size, int files) {
    return new InitOptions(units, logs, grace, size, files, backoffCap, clock, sleeper);
  }

  public InitOptions withBackoffCap(Duration value) {
    return new InitOptions(units, logs, grace, logFileSize, logFiles, value, clock, sleeper);
  }

  public InitOptions withSleeper(Sleeper value) {
    return new InitOptions(units, logs, grace, logFileSize, logFiles, backoffCap, clock, value);
  }
}
