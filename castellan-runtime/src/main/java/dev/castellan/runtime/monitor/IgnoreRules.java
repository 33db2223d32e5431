package dev.castellan.runtime.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The patterns of an ignore file ({@code .fsignore}), gitignore-like, one per line:
 *
 * <ul>
 *   <li>blank lines and lines starting with {@code #} are skipped; trailing spaces are trimmed;
 *   <li>{@code !} at the start negates: a matching path is watched again;
 *   <li>a trailing {@code /} matches directories only (and so everything beneath them);
 *   <li>a pattern without a {@code /} elsewhere matches a name at any depth ({@code *.log});
 *       with one it is anchored at the watched directory ({@code build/out}, {@code /tmp});
 *   <li>{@code *} matches within one path segment, {@code ?} one character of it, {@code **}
 *       any number of whole segments ({@code **}{@code /cache}, {@code logs/**}, {@code a/**}{@code /b});
 *   <li>the last matching pattern wins;
 *   <li>a path beneath an ignored directory is ignored, whatever later patterns say (the
 *       directory is not watched at all, as in git).
 * </ul>
 *
 * Paths are relative to the watched directory with {@code /} separators. Immutable.
 */
public final class IgnoreRules {
  /** Lines in an ignore file: a bound on what a start-up reads (a pattern is a regex). */
  public static final int MAX_PATTERNS = 10_000;
  private static final long MAX_FILE_BYTES = 1 << 20;

  private static final IgnoreRules NONE = new IgnoreRules(List.of());

  private final List<IgnorePattern> patterns;

  private IgnoreRules(List<IgnorePattern> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  /** No pattern: nothing is ignored. */
  public static IgnoreRules none() {
    return NONE;
  }

  /** Parses the lines of an ignore file. */
  public static IgnoreRules parse(List<String> lines) {
    List<IgnorePattern> patterns = new ArrayList<>();
    for (String line : lines) {
      IgnorePattern.parse(line).ifPresent(patterns::add);
    }
    if (patterns.size() > MAX_PATTERNS) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%d patterns, at most %d", patterns.size(), MAX_PATTERNS));
    }
    return new IgnoreRules(patterns);
  }

  /** Reads an ignore file (UTF-8, at most 1 MiB). */
  public static IgnoreRules read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IOException(String.format(Locale.ROOT, "ignore file %s: too large (%d bytes, at most %d)",
          file, size, MAX_FILE_BYTES));
    }
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException("ignore file " + file + ": " + e.getMessage(), e);
    }
  }

  /** This and {@code more} patterns after it (so {@code more} wins on conflict). */
  public IgnoreRules and(IgnoreRules more) {
    List<IgnorePattern> all = new ArrayList<>(patterns);
    all.addAll(more.patterns);
    return new IgnoreRules(all);
  }

  /**
   * Whether {@code relativePath} ({@code /}-separated, not empty) is ignored: it or one of its
   * ancestor directories is matched last by a non-negated pattern.
   */
  public boolean ignored(String relativePath, boolean directory) {
    int slash = -1;
    while ((slash = relativePath.indexOf('/', slash + 1)) >= 0) {
      if (matchesLast(relativePath.substring(0, slash), true)) {
        return true;
      }
    }
    return matchesLast(relativePath, directory);
  }

  private boolean matchesLast(String path, boolean directory) {
    for (int i = patterns.size() - 1; i >= 0; i--) {
      IgnorePattern pattern = patterns.get(i);
      if (pattern.matches(path, directory)) {
        return !pattern.negated();
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "IgnoreRules" + patterns;
  }
}
