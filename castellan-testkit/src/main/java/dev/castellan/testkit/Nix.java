package dev.castellan.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Nix's own tools (Debian {@code nix-bin}) as the independent check of our Nix archive
 * and hash code. None of the commands used needs a store, a daemon or the network: {@code
 * nix-hash} and {@code nix-store --dump} read the path given, and {@code nix hash} only hashes.
 * Tests skip with the reason where nix-bin is not installed; {@code .ci/run} installs it.
 */
public final class Nix {
  private Nix() {}

  /** Skips the calling test unless {@code binary} (nix-hash, nix-store or nix) is installed. */
  public static void assumeInstalled(String binary) {
    Assumptions.assumeTrue(Swtpm.installed(binary),
        binary + " is not installed (Debian: apt-get install -y nix-bin), so Nix cannot check our hash");
  }

  /** {@code nix-hash --type sha256 [--base32] path}: hex or Nix base-32, trimmed. */
  public static String nixHash(Path path, boolean base32) throws IOException, InterruptedException {
    assumeInstalled("nix-hash");
    List<String> command = new ArrayList<>(List.of("nix-hash", "--type", "sha256"));
    if (base32) {
      command.add("--base32");
    }
    command.add(path.toString());
    return text(run(command));
  }

  /** {@code nix hash path [--base32] path}: SRI by default (nix 2.4 and later), trimmed. */
  public static String hashPath(Path path, boolean base32) throws IOException, InterruptedException {
    assumeInstalled("nix");
    List<String> command = new ArrayList<>(List.of("nix", "--extra-experimental-features", "nix-command",
        "hash", "path", "--type", "sha256"));
    if (base32) {
      command.add("--base32");
    }
    command.add(path.toString());
    return text(run(command));
  }

  /** {@code nix hash to-base32 --type sha256 HEX}: Nix's base-32 of a digest. */
  public static String toBase32(String hex) throws IOException, InterruptedException {
    assumeInstalled("nix");
    return text(run(List.of("nix", "--extra-experimental-features", "nix-command",
        "hash", "to-base32", "--type", "sha256", hex)));
  }

  /** {@code nix-store --dump path}: the Nix archive itself, for a byte-exact comparison. */
  public static byte[] dump(Path path) throws IOException, InterruptedException {
    assumeInstalled("nix-store");
    return run(List.of("nix-store", "--dump", path.toString()));
  }

  private static String text(byte[] output) {
    return new String(output, StandardCharsets.UTF_8).strip();
  }

  private static byte[] run(List<String> command) throws IOException, InterruptedException {
    Path home = Files.createTempDirectory("castellan-nix-home-");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE);
    // No daemon, no user profile: a scratch home, and the store only ever opened locally.
    builder.environment().put("HOME", home.toString());
    builder.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString());
    builder.environment().remove("NIX_REMOTE");
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      byte[] err = process.getErrorStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
      if (process.exitValue() != 0) {
        throw new IOException(command + " exited " + process.exitValue() + ": "
            + new String(err, StandardCharsets.UTF_8).strip());
      }
      return out;
    } finally {
      try (Stream<Path> files = Files.walk(home)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
  }
}
