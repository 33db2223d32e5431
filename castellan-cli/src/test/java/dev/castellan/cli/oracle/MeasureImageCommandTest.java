package dev.castellan.cli.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.cli.Cli;
import dev.castellan.testkit.Nix;
import dev.castellan.testkit.Swtpm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code castellan measure image}, run in-process, against Nix's own tools on the same tree. */
class MeasureImageCommandTest {
  @TempDir Path temp;

  /** A file, an executable, a symbolic link, a dangling one, an empty and a nested directory. */
  private Path tree() throws Exception {
    Path root = Files.createDirectory(temp.resolve("image"));
    Files.writeString(root.resolve("etc-os-release"), "ID=castellan\n");
    Path bin = Files.createDirectories(root.resolve("sw/bin"));
    Files.writeString(bin.resolve("agent"), "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(bin.resolve("agent"), PosixFilePermissions.fromString("r-xr-xr-x"));
    Files.createSymbolicLink(root.resolve("init"), Path.of("sw/bin/agent"));
    Files.createSymbolicLink(root.resolve("dangling"), Path.of("/nix/store/absent"));
    Files.createDirectory(root.resolve("var"));
    return root;
  }

  @Test
  void measureImage_text_printsTheThreeFormsNixPrints() throws Exception {
    Path root = tree();
    Cli run = Cli.run("measure", "image", root.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out().lines().toList()).containsExactly(
        "hex          " + Nix.nixHash(root, false),
        "nix-base32   sha256:" + Nix.nixHash(root, true),
        "sri          " + Nix.hashPath(root, false));
  }

  @Test
  void measureImage_json_equalsNixHashPath() throws Exception {
    Path root = tree();
    Cli run = Cli.run("measure", "image", root.toString(), "--json");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("path").asString()).isEqualTo(root.toString());
    assertThat(json.get("sri").asString()).isEqualTo(Nix.hashPath(root, false));
    assertThat(json.get("nixBase32").asString()).isEqualTo("sha256:" + Nix.hashPath(root, true));
    assertThat(json.get("hex").asString()).isEqualTo(Nix.nixHash(root, false));
  }

  /** Without nix: the value of a single file, which nix-hash --type sha256 printed for it (nix 2.8.0). */
  @Test
  void measureImage_singleFile_knownValue() throws Exception {
    Path file = Files.writeString(temp.resolve("file"), "hello\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Cli run = Cli.run("measure", "image", file.toString());
    assertThat(run.out()).startsWith("hex          1c37d01af40be2e80691de3cc3df44377a699afbb17c68f080964b2fd071fc13\n")
        .contains("sha256:04zwf782yjwnh3q6hz5izfd6jyip8kgw6g6yj43fiqhbyhdd0dqw");
  }

  @Test
  void measureImage_missingPath_isAFileError() {
    Path missing = temp.resolve("absent");
    Cli run = Cli.run("measure", "image", missing.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).isEqualTo("castellan measure image: image " + missing + ": does not exist");
  }

  @Test
  void measureImage_fifoInside_isRefusedNamingIt() throws Exception {
    Assumptions.assumeTrue(Swtpm.installed("mkfifo"), "mkfifo (coreutils) is not installed");
    Path root = tree();
    Path fifo = root.resolve("var/pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
    Cli run = Cli.run("measure", "image", root.toString(), "--json");
    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode error = new ObjectMapper().readTree(run.out()).get("error");
    assertThat(error.get("kind").asString()).isEqualTo("file");
    assertThat(error.get("message").asString()).isEqualTo("image " + fifo
        + ": is a FIFO; an image holds only regular files, directories and symbolic links");
  }

  @Test
  void measure_withoutSubcommand_stillPrintsTheLaunchMeasurement() throws Exception {
    Cli run = Cli.run("measure", "--platform", "snp", "--json");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("platform").asString()).isEqualTo("snp");
    assertThat(json.get("measurement").asString()).hasSize(96);
  }

  @Test
  void measureImage_noPath_isAUsageError() {
    Cli run = Cli.run("measure", "image");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("see 'castellan measure image --help'");
  }
}
