package dev.castellan.runtime.init;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One parsed unit file ({@code NAME.service}, seed 003): what to run and how it relates to the
 * others. Dependency names are unit names without the {@code .service} suffix.
 *
 * @param name the file name without {@code .service}
 * @param file where it was read from, for messages
 * @param execStart the program and its arguments, split as a shell would split words (no
 *     expansion, no shell): {@code ExecStart}
 * @param environment {@code NAME=value} pairs added to the inherited environment
 * @param workingDirectory the directory the process starts in, if not the manager's
 * @param restart when an exited process is started again
 * @param restartSec the first delay before a restart; later ones double, up to a cap
 * @param enabled {@code ServiceEnable}: started when the manager starts
 * @param after units started before this one
 * @param before units started after this one
 * @param requires units this one needs: started first, and this one refused without them
 * @param requiredBy units that need this one
 * @param lines the line each key was set on, for messages about its value
 */
public record Unit(
    String name, Path file, List<String> execStart, Map<String, String> environment,
    Optional<Path> workingDirectory, RestartPolicy restart, Duration restartSec, boolean enabled,
    List<String> after, List<String> before, List<String> requires, List<String> requiredBy,
    Map<String, Integer> lines) {
  /** The suffix of a unit file's name. */
  public static final String SUFFIX = ".service";

  /** Copies the collections. */
  public Unit {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
    execStart = List.copyOf(execStart);
    environment = Map.copyOf(environment);
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(restart, "restart");
    Objects.requireNonNull(restartSec, "restartSec");
    after = List.copyOf(after);
    before = List.copyOf(before);
    requires = List.copyOf(requires);
    requiredBy = List.copyOf(requiredBy);
    lines = Map.copyOf(lines);
    if (execStart.isEmpty()) {
      throw new IllegalArgumentException("ExecStart is empty");
    }
  }

  /** {@code nats.service} and {@code nats} both name unit {@code nats}. */
  public static String normalise(String reference) {
    return reference.endsWith(SUFFIX) ? reference.substring(0, reference.length() - SUFFIX.length()) : reference;
  }

  /** The line {@code key} was set on, or 0 if it was not set. */
  public int line(String key) {
    return lines.getOrDefault(key, 0);
  }
}
