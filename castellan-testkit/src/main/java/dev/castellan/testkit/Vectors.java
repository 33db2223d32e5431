package dev.castellan.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Finds the shared test vectors, which come from other projects and are never copied into
 * this repository. Lookup order: the system property {@code castellan.vectors}, the
 * environment variable {@code CASTELLAN_VECTORS}, then {@code shared/vectors} beside the
 * checkout (searched upwards from the working directory, so it works from any module).
 * Where none exists, a test that needs vectors is skipped with a message saying why.
 */
public final class Vectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Vectors() {}

  /** The vectors folder, if there is one. */
  public static Optional<Path> root() {
    String configured = System.getProperty("castellan.vectors", "");
    if (configured.isBlank()) {
      configured = System.getenv().getOrDefault("CASTELLAN_VECTORS", "");
    }
    if (!configured.isBlank()) {
      Path path = Path.of(configured);
      return Files.isDirectory(path) ? Optional.of(path.toAbsolutePath()) : Optional.empty();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("vectors");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The path of {@code relative} inside the vectors folder; skips the calling test when the
   * folder or the file is absent.
   */
  public static Path path(String relative) {
    Optional<Path> root = root();
    Assumptions.assumeTrue(
        root.isPresent(),
        "shared test vectors not found: expected ../shared/vectors beside the checkout,"
            + " or set -Dcastellan.vectors=DIR / CASTELLAN_VECTORS=DIR");
    Path path = root.orElseThrow().resolve(relative);
    Assumptions.assumeTrue(Files.exists(path), "vector file missing: " + path);
    return path;
  }

  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String relative) {
    return JSON.readTree(text(relative));
  }
}
