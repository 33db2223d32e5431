package dev.castellan.bench.attestation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared vectors for benchmarks (main code, so not castellan-testkit's JUnit-bound
 * {@code Vectors}): the system property {@code castellan.vectors}, the environment variable
 * {@code CASTELLAN_VECTORS}, else {@code shared/vectors} beside the working directory or one
 * of its parents.
 */
final class BenchVectors {
  private BenchVectors() {}

  static Path root() throws IOException {
    String configured = System.getProperty("castellan.vectors", "");
    if (configured.isBlank()) {
      configured = System.getenv().getOrDefault("CASTELLAN_VECTORS", "");
    }
    if (!configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("vectors");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IOException("shared/vectors not found beside the working directory: pass -Dcastellan.vectors=DIR");
  }
}
