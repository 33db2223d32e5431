package dev.castellan.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.cli.Cli;
import dev.castellan.log.LocalLog;
import dev.castellan.log.LogReader;
import dev.castellan.runtime.monitor.ChangeRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code castellan monitor} in a JVM of its own: changes made, then SIGTERM, then the log checked. */
class MonitorEndToEndTest {
  @TempDir Path dir;

  @Test
  void monitor_changesWhileRunning_recordedOnceAndTheLogVerifies() throws Exception {
    Path watched = Files.createDirectories(dir.resolve("apps"));
    Path data = dir.resolve("data");
    Files.writeString(watched.resolve(".fsignore"), "# scratch\n*.tmp\n");
    Files.writeString(watched.resolve("before.txt"), "there at the start");
    try (ChildJvm monitor = ChildJvm.start(dir, "monitor", null,
        "monitor", watched.toString(), "--debounce", "100", "--data", data.toString())) {
      monitor.await("Press Ctrl-C to stop", Duration.ofSeconds(60));
      assertThat(monitor.stdout()).contains("Castellan monitor is watching " + watched.toRealPath(),
          "ignore file  " + watched.resolve(".fsignore"), "hashes       " + data.resolve("monitor/hashes"));
      monitor.await("(created before\\.txt)", Duration.ofSeconds(10));
      Files.writeString(watched.resolve("scratch.tmp"), "ignored");
      Files.createDirectories(watched.resolve("etc"));
      Files.writeString(watched.resolve("etc/app.conf"), "v1");
      monitor.await("(created etc/app\\.conf)", Duration.ofSeconds(10));
      Files.move(watched.resolve("etc/app.conf"), watched.resolve("etc/app.conf.old"));
      monitor.await("(renamed etc/app\\.conf -> etc/app\\.conf\\.old)", Duration.ofSeconds(10));
      Files.delete(watched.resolve("before.txt"));
      monitor.await("(deleted before\\.txt)", Duration.ofSeconds(10));
    }
    Cli verify = Cli.run("log", "verify", "--data", data.toString());
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    List<String> logged = new ArrayList<>();
    try (LogReader log = LogReader.open(LocalLog.openReadOnly(data))) {
      for (long i = 0; i < log.size(); i++) {
        logged.add(ChangeRecord.decode(log.record(i).data()).orElseThrow().change().summary());
      }
    }
    // the ignore file is a file of the tree like any other: its changes are recorded too
    assertThat(logged).containsExactly("created .fsignore", "created before.txt", "created etc/app.conf",
        "renamed etc/app.conf -> etc/app.conf.old", "deleted before.txt");
    assertThat(new String(Files.readAllBytes(dir.resolve("monitor.err")), StandardCharsets.UTF_8)).contains("castellan monitor: stopped");
  }
}
