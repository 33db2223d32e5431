package dev.castellan.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.cli.Cli;
import dev.castellan.testkit.NatsServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The errors of {@code castellan monitor}, in process (the running monitor: MonitorEndToEndTest). */
class MonitorCommandTest {
  @TempDir Path dir;

  @Test
  void monitor_missingDirectory_fileErrorNamingIt() {
    Path missing = dir.resolve("absent");
    Cli cli = Cli.run("monitor", missing.toString(), "--data", dir.resolve("data").toString());
    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
    assertThat(cli.err().strip()).isEqualTo("castellan monitor: directory " + missing + ": does not exist");
  }

  @Test
  void monitor_missingIgnoreFile_fileError() {
    Path missing = dir.resolve(".fsignore");
    Cli cli = Cli.run("monitor", dir.toString(), "--ignore-file", missing.toString(), "--data", dir.resolve("data").toString());
    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
    assertThat(cli.err().strip()).isEqualTo("castellan monitor: ignore file " + missing + ": does not exist");
  }

  @Test
  void monitor_unreachableStore_networkErrorNamingTheUrl() throws Exception {
    String url = NatsServers.unreachableUrl();
    Cli cli = Cli.run("monitor", dir.toString(), "--store", url, "--data", dir.resolve("data").toString());
    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
    assertThat(cli.err().strip()).startsWith("castellan monitor: hash store cannot connect to " + url);
    assertThat(Files.exists(dir.resolve("data/log"))).as("nothing opened before the store").isFalse();
  }

  @Test
  void monitor_badStoreUrlOrDebounce_usageError() {
    Cli cli = Cli.run("monitor", dir.toString(), "--store", "redis://x:1");
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).startsWith("castellan monitor: --store must be a nats://HOST:PORT URL, not 'redis://x:1'");
    cli = Cli.run("monitor", dir.toString(), "--debounce", "-1");
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).startsWith("castellan monitor: --debounce must be 0 to 600000 ms, not -1");
  }
}
