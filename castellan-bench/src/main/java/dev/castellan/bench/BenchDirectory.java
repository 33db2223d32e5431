package dev.castellan.bench.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where benchmarks write: {@code -Dcastellan.bench.dir=DIR} (default: the JVM's temporary
 * directory), so the log and its fsync baselines run on the same disk.
 */
final class BenchDirectory {
  private BenchDirectory() {}

  static Path create(String prefix) throws IOException {
    Path base = Path.of(System.getProperty("castellan.bench.dir", System.getProperty("java.io.tmpdir")));
    Files.createDirectories(base);
    return Files.createTempDirectory(base, prefix);
  }

  static void delete(Path dir) throws IOException {
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
