package dev.castellan.cli.oracle;

import dev.castellan.attestation.image.ImageHash;
import dev.castellan.attestation.image.ImageHashException;
import dev.castellan.cli.FileException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code castellan measure image PATH}: the image hash of a path ({@link ImageHash}, SHA-256 over
 * its Nix archive), the value {@code nix hash path} prints for it (docs/image-hash.md).
 */
@Command(
    name = "image",
    mixinStandardHelpOptions = true,
    description = {
      "Print the image hash of PATH: SHA-256 over its Nix archive (NAR), in three forms.",
      "",
      "hex         what 'nix-hash --type sha256 PATH' prints",
      "nix-base32  sha256: and what 'nix hash path --base32 PATH' prints",
      "sri         what 'nix hash path PATH' prints (nix 2.4 and later)",
      "",
      "PATH is a directory tree or a single file; symbolic links are hashed as links,",
      "never followed (PATH itself included: give a closure's store path, not",
      "/run/current-system). Devices, sockets and FIFOs are refused.",
      ""
    })
public final class MeasureImageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PATH", description = "The image: a directory tree or a single file.")
  Path path;

  @Option(names = "--json", description = "Print JSON: {path, hex, nixBase32, sri}.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileException("image " + path + ": does not exist");
    }
    ImageHash hash;
    try {
      hash = ImageHash.of(path);
    } catch (ImageHashException e) {
      throw new FileException("image " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, String> values = new LinkedHashMap<>();
      values.put("path", path.toString());
      values.put("hex", hash.hex());
      values.put("nixBase32", hash.nixBase32());
      values.put("sri", hash.sri());
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(values));
    } else {
      out.printf(Locale.ROOT, "%-12s %s%n", "hex", hash.hex());
      out.printf(Locale.ROOT, "%-12s %s%n", "nix-base32", hash.nixBase32());
      out.printf(Locale.ROOT, "%-12s %s%n", "sri", hash.sri());
    }
    out.flush();
    return 0;
  }
}
