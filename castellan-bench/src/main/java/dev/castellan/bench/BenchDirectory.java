package dev.castellan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where benchmarks write: {@code -Dcastellan.bench.dir=DIR} (default: the JVM's temporary
 * directory), so the log and its fsync baselines run on the same disk, and the monitor's
 * hashing reads its file from there.
 */
public final class BenchDirectory {
  private BenchDirectory() {}

  public static Path create(String prefix) throws IOException {
    Path base = Path.of(System.getProperty("castellan.bench.dir", System.getProperty("java.io.tmpdir")));
    Files.createDirectories(base);
    return Files.createTempDirectory(base, prefix);
  }

  public static void delete(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
