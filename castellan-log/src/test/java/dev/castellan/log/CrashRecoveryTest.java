package dev.castellan.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM appends in a loop and is killed with SIGKILL at random moments, again and
 * again; after every restart each acknowledged record is present at its index and the log
 * verifies.
 */
class CrashRecoveryTest {
  private static final int ROUNDS = 6;

  @TempDir Path dataDir;

  @Test
  void sigkillDuringAppends_everyAcknowledgedRecordSurvivesAndLogVerifies() throws Exception {
    Map<Long, String> acknowledged = new HashMap<>();
    for (int round = 0; round < ROUNDS; round++) {
      Process child = start(round);
      List<String> lines = new ArrayList<>();
      Thread reader = Thread.ofPlatform().start(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            synchronized (lines) {
              lines.add(line);
            }
          }
        } catch (java.io.IOException ignored) {
          // the child died: what was read is what it acknowledged
        }
      });
      waitForAcks(child, lines);
      Thread.sleep(ThreadLocalRandom.current().nextInt(20, 400));
      child.destroyForcibly(); // SIGKILL on Linux
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join(10_000);
      String stderr = Files.readString(dataDir.resolveSibling(dataDir.getFileName() + ".err"));
      assertThat(stderr).as("child stderr, round %d", round).doesNotContain("Exception");
      synchronized (lines) {
        assertThat(lines.getFirst()).startsWith("open ");
        assertThat(Long.parseLong(lines.getFirst().substring(5)))
            .as("records after restart").isGreaterThanOrEqualTo(acknowledged.size());
        for (String line : lines.subList(1, lines.size())) {
          String[] parts = line.split(" ");
          if (parts.length == 2 && parts[1].length() == 59) { // a complete line only
            String previous = acknowledged.put(Long.parseLong(parts[0]), parts[1]);
            assertThat(previous == null || previous.equals(parts[1])).isTrue();
          }
        }
      }
      assertAcknowledgedPresentAndLogVerifies(acknowledged);
    }
    assertThat(acknowledged).hasSizeGreaterThan(ROUNDS);
    try (TransparencyLog log = LocalLog.open(dataDir, "castellan.test/crash", LogOptions.DEFAULTS, new LogMetrics())) {
      for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
        assertThat(log.record(ack.getKey()).cid()).isEqualTo(ack.getValue());
        assertThat(log.indexOf(ack.getValue())).hasValue(ack.getKey());
      }
    }
    try (var storage = LocalLog.openReadOnly(dataDir)) {
      LogVerifier.Report report = LogVerifier.verify(storage, "castellan.test/crash",
          LocalLog.checkpointVerifier(dataDir), Optional.empty(), LogVerifier.Progress.NONE, new LogMetrics());
      assertThat(report.records()).isGreaterThanOrEqualTo(acknowledged.size());
    }
  }

  /** Straight after the kill, before any recovery: read-only, as an auditor would. */
  private void assertAcknowledgedPresentAndLogVerifies(Map<Long, String> acknowledged) throws Exception {
    try (var storage = LocalLog.openReadOnly(dataDir)) {
      LogVerifier.verify(storage, "castellan.test/crash", LocalLog.checkpointVerifier(dataDir), Optional.empty(),
          LogVerifier.Progress.NONE, new LogMetrics());
      for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
        assertThat(storage.indexOf(ack.getValue())).hasValue(ack.getKey());
        assertThat(LogRecord.decode(storage.read(ack.getKey())).cid()).isEqualTo(ack.getValue());
      }
    }
  }

  private Process start(int round) throws Exception {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ProcessBuilder builder = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
        dataDir.toString(), Integer.toString(round));
    builder.redirectError(dataDir.resolveSibling(dataDir.getFileName() + ".err").toFile());
    return builder.start();
  }

  private static void waitForAcks(Process child, List<String> lines) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline && child.isAlive()) {
      synchronized (lines) {
        if (lines.size() > 1) {
          return;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the child acknowledged nothing (alive: " + child.isAlive() + ")");
  }
}
