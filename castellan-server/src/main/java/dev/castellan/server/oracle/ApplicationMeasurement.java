package dev.castellan.server.oracle;

import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.core.hash.HashAlgorithm;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the simulated device measures when the oracle boots. PCR0, the image, is the whole
 * application: every entry of the class path in order, each contributing its file name, a
 * zero byte and its digest ({@link BootMeasurements#digest}: a jar's bytes, a directory's
 * tree digest). Because the build is reproducible, rebuilding the same commit gives the same
 * PCR0, and any change to any jar changes it. PCR2 is the oracle's canonical configuration:
 * what defines the service (platform and lineage), not where it listens or stores data.
 */
public final class ApplicationMeasurement {
  private ApplicationMeasurement() {}

  /**
   * What {@code castellan up} measures for this build without lineage settings
   * ({@code --previous-measurement}, {@code --maintainer-key}); {@code castellan measure} and
   * {@code castellan attest simulate} report these, so the three agree on PCR0 (and PCR1-2).
   */
  public static BootMeasurements ofRunningApplication() throws IOException {
    return ofRunningApplication(new OracleInfo("", Optional.empty(), Optional.empty()));
  }

  /** Measures the running class path and {@code info}'s lineage settings. */
  public static BootMeasurements ofRunningApplication(OracleInfo info) throws IOException {
    return of(classPath(), info);
  }

  /** Measures the given class-path entries (tests use this to model a changed image). */
  public static BootMeasurements of(List<Path> classPath, OracleInfo info) throws IOException {
    MessageDigest image = HashAlgorithm.SHA_384.newDigest();
    for (Path entry : classPath) {
      image.update(entry.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      image.update((byte) 0);
      image.update(BootMeasurements.digest(entry));
    }
    Path anchor = classPath.isEmpty() ? Path.of(".") : classPath.getFirst();
    return new BootMeasurements(anchor, image.digest(), BootMeasurements.currentRuntime(), configuration(info));
  }

  /** The canonical configuration bytes measured into PCR2. */
  static byte[] configuration(OracleInfo info) {
    String text =
        "castellan-oracle/v1\n"
            + "previous-measurement=" + info.previousMeasurement().orElse("") + "\n"
            + "maintainer-key=" + info.maintainerKey().orElse("") + "\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<Path> classPath() throws IOException {
    List<Path> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isBlank() && Files.exists(Path.of(entry))) {
        entries.add(Path.of(entry));
      }
    }
    // java -jar puts only the launcher jar here; its manifest Class-Path names the rest.
    if (entries.size() == 1 && entries.getFirst().toString().endsWith(".jar")) {
      entries.addAll(manifestClassPath(entries.getFirst()));
    }
    if (entries.isEmpty()) {
      throw new IOException("cannot measure the application: the class path is empty");
    }
    return entries;
  }

  private static List<Path> manifestClassPath(Path jar) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (var file = new java.util.jar.JarFile(jar.toFile())) {
      var manifest = file.getManifest();
      String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (classPath != null) {
        for (String name : classPath.trim().split("\\s+")) {
          Path path = jar.toAbsolutePath().getParent().resolve(name);
          if (Files.exists(path)) {
            entries.add(path);
          }
        }
      }
    }
    return entries;
  }
}
