package dev.castellan.runtime.init;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** A units directory and log directory under a test's temporary directory, and helpers to wait on real processes. */
final class Fixture {
  final Path root;
  final Path units;
  final Path logs;
  /** The delays the manager asked to sleep, in order. */
  final List<Duration> delays = new CopyOnWriteArrayList<>();
  private volatile int freeSleeps = Integer.MAX_VALUE;

  Fixture(Path root) throws IOException {
    this.root = root;
    this.units = Files.createDirectories(root.resolve("units"));
    this.logs = root.resolve("logs");
  }

  /** Writes {@code units/NAME.service} with {@code toml}; returns its path. */
  Path unit(String name, String toml) throws IOException {
    return Files.writeString(units.resolve(name + ".service"), toml);
  }

  /** A unit running {@code /bin/sh -c script} (no single quotes in it), plus {@code extra} lines. */
  Path shell(String name, String script, String... extra) throws IOException {
    String escaped = script.replace("\\", "\\\\").replace("\"", "\\\"");
    StringBuilder toml = new StringBuilder("[Service]\nExecStart = \"/bin/sh -c '" + escaped + "'\"\n");
    toml.append("WorkingDirectory = \"").append(root).append("\"\n");
    for (String line : extra) {
      toml.append(line).append('\n');
    }
    return unit(name, toml.toString());
  }

  /** After {@code n} delays, the sleeper blocks (until interrupted) instead of returning at once. */
  void blockAfter(int n) {
    freeSleeps = n;
  }

  /** Options with a 300 ms grace period and the recording sleeper. */
  InitOptions options() {
    return InitOptions.defaults(units, logs).withGrace(Duration.ofMillis(300)).withBackoffCap(Duration.ofSeconds(4))
        .withSleeper(delay -> {
          delays.add(delay);
          if (delays.size() > freeSleeps) {
            Thread.sleep(Duration.ofMinutes(5));
          }
        });
  }

  /** Waits up to 10 s for {@code condition}. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  /** The lines of {@code root/name}, or none if it does not exist yet. */
  List<String> lines(String name) {
    try {
      Path file = root.resolve(name);
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
