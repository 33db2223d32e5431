package dev.castellan.attestation.simulator;

import dev.castellan.core.hash.HashAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a simulated device measures at boot, in the roles AWS gives PCR0-2 (Nitro Enclaves
 * user guide, "Where to get an enclave's measurements"). Every register is extended once,
 * from zero, with a SHA-384 digest, as {@code nitro-cli} computes an image's PCRs: {@code
 * PCRn = SHA-384(0^48 || SHA-384(input))}.
 *
 * <ul>
 *   <li><b>PCR0, the image</b>: the artifact actually running. For a file (the jar) the
 *       input is its bytes, so changing one byte of the jar changes PCR0. For a directory
 *       (classes run from a build tree) the input is a tree digest: over every regular file
 *       below it, in the order of their relative paths ({@code /}-separated, compared as
 *       strings), the UTF-8 path, a zero byte and the file's SHA-384; symbolic links are not
 *       followed.
 *   <li><b>PCR1, the kernel and boot environment</b>: the Java runtime that runs the image,
 *       the UTF-8 text {@code java.vm.vendor|java.vm.name|java.runtime.version|os.name|os.arch}.
 *       Stable across restarts; changes when the JVM is upgraded, as PCR1 changes with a new
 *       kernel.
 *   <li><b>PCR2, the application</b>: the configuration the caller says defines the service
 *       (for the oracle, its canonical configuration bytes); empty if none.
 * </ul>
 *
 * <p>PCR3 (IAM role), PCR4 (parent instance id) and PCR8 (image signing certificate) stay zero:
 * a simulated enclave has no parent instance and an unsigned image.
 *
 * @param artifact the measured file or directory
 * @param artifactDigest SHA-384 of the artifact as described above (48 bytes)
 * @param runtime the runtime description measured into PCR1
 * @param configuration the bytes measured into PCR2
 */
public record BootMeasurements(
    Path artifact, byte[] artifactDigest, String runtime, byte[] configuration) {
  public BootMeasurements {
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(runtime, "runtime");
    if (artifactDigest.length != PcrBank.LENGTH) {
      throw new IllegalArgumentException("artifact digest must be 48 bytes");
    }
    artifactDigest = artifactDigest.clone();
    configuration = configuration.clone();
  }

  /**
   * Measures {@code artifact} (a jar or a class directory) and the running JVM.
   *
   * @throws IOException if the artifact cannot be read
   */
  public static BootMeasurements of(Path artifact, byte[] configuration) throws IOException {
    return new BootMeasurements(artifact, digest(artifact), currentRuntime(), configuration);
  }

  /**
   * Measures the jar (or class directory) {@code codeAnchor} was loaded from: the code that
   * is actually running.
   *
   * @throws IOException if its location is unknown or cannot be read
   */
  public static BootMeasurements ofRunningCode(Class<?> codeAnchor, byte[] configuration)
      throws IOException {
    CodeSource source = codeAnchor.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IOException("the code location of " + codeAnchor.getName() + " is unknown");
    }
    try {
      return of(Path.of(source.getLocation().toURI()), configuration);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IOException("the code location of " + codeAnchor.getName() + " is not a file", e);
    }
  }

  /** The runtime description measured into PCR1 for this JVM. */
  public static String currentRuntime() {
    return String.join(
        "|",
        System.getProperty("java.vm.vendor", ""),
        System.getProperty("java.vm.name", ""),
        System.getProperty("java.runtime.version", ""),
        System.getProperty("os.name", ""),
        System.getProperty("os.arch", ""));
  }

  /** The SHA-384 of a file's bytes, or the tree digest of a directory (see the class doc). */
  public static byte[] digest(Path artifact) throws IOException {
    if (Files.isRegularFile(artifact)) {
      return fileDigest(artifact);
    }
    if (!Files.isDirectory(artifact)) {
      throw new IOException("artifact is neither a file nor a directory: " + artifact);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(artifact)) {
      files =
          walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
              .sorted((a, b) -> relative(artifact, a).compareTo(relative(artifact, b)))
              .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    MessageDigest tree = HashAlgorithm.SHA_384.newDigest();
    for (Path file : files) {
      tree.update(relative(artifact, file).getBytes(StandardCharsets.UTF_8));
      tree.update((byte) 0);
      tree.update(fileDigest(file));
    }
    return tree.digest();
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private static byte[] fileDigest(Path file) throws IOException {
    MessageDigest digest = HashAlgorithm.SHA_384.newDigest();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return digest.digest();
  }

  /**
   * PCR0, PCR1 and PCR2 as a {@link SimulatedNitroDevice} booted with these measurements
   * holds them: each register extended once from zero, {@code SHA-384(0^48 || digest)}. This
   * is what {@code castellan measure} prints, computed offline, without a simulator.
   */
  public SortedMap<Integer, byte[]> nitroPcrs() {
    PcrBank bank = new PcrBank();
    extendBootRegisters(bank);
    SortedMap<Integer, byte[]> out = new TreeMap<>();
    for (int i = 0; i <= 2; i++) {
      out.put(i, bank.value(i));
    }
    return out;
  }

  /** Extends PCR0-2 of a fresh bank; the device's boot and {@link #nitroPcrs} share this. */
  void extendBootRegisters(PcrBank bank) {
    try {
      bank.extend(0, artifactDigest);
      bank.extend(1, runtimeDigest());
      bank.extend(2, configurationDigest());
    } catch (PcrLockedException e) {
      throw new IllegalStateException("a fresh PCR bank has no locked register", e);
    }
  }

  /** PCR0's input digest. */
  @Override
  public byte[] artifactDigest() {
    return artifactDigest.clone();
  }

  @Override
  public byte[] configuration() {
    return configuration.clone();
  }

  byte[] runtimeDigest() {
    return HashAlgorithm.SHA_384.hash(runtime.getBytes(StandardCharsets.UTF_8));
  }

  byte[] configurationDigest() {
    return HashAlgorithm.SHA_384.hash(configuration);
  }
}
