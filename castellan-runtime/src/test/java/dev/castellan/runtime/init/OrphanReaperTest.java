package dev.castellan.runtime.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager as PID 1 of a new PID namespace ({@code unshare --pid --fork --mount-proc}), with
 * a unit whose shell double-forks five short-lived grandchildren: they are re-parented to the
 * manager and, once they exit, must not stay zombies. A second run with reaping off shows the
 * check sees zombies when they are there. Skipped where unshare is not permitted.
 */
class OrphanReaperTest {
  @TempDir Path directory;

  @Test
  void asPid1_doubleForkedGrandchildren_reaped_andOwnChildrensExitCodesKept() throws Exception {
    Run run = run(true);
    assertThat(run.zombies).as("zombies under the namespace's init").isEmpty();
    assertThat(run.report).contains("pid1 true", "exit3 3");
    long reaped = Long.parseLong(run.report.stream().filter(l -> l.startsWith("reaped ")).findFirst().orElseThrow().substring(7));
    assertThat(reaped).isGreaterThanOrEqualTo(5);
  }

  @Test
  void asPid1_reapingOff_theGrandchildrenStayZombies() throws Exception {
    Run run = run(false);
    assertThat(run.zombies).as("the check sees zombies when nobody reaps").hasSizeGreaterThanOrEqualTo(5);
    assertThat(run.report).contains("exit3 3");
  }

  private record Run(List<Long> zombies, List<String> report) {}

  private Run run(boolean reap) throws Exception {
    assumeThat(unshareAllowed()).as("unshare --pid --fork --mount-proc is not permitted here (needs root or user namespaces)").isTrue();
    Fixture fixture = new Fixture(directory);
    fixture.shell("orphans", "for i in 1 2 3 4 5; do (sleep 0.2 &); done; exec sleep 30");
    fixture.shell("exit3", "sleep 0.5; exit 3");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path out = directory.resolve("init.out");
    Path report = directory.resolve("report");
    Process unshare = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "--kill-child",
        java, "--enable-native-access=ALL-UNNAMED", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classpath, PidOneInit.class.getName(),
        fixture.units.toString(), fixture.logs.toString(), Boolean.toString(reap), report.toString())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      Fixture.await("the init to start", () -> read(out).contains("started") || !unshare.isAlive());
      assertThat(unshare.isAlive()).as("init: %s", read(out)).isTrue();
      Thread.sleep(1500); // the grandchildren live 0.2 s; the reaper looks every 0.2 s; exit3 exits at 0.5 s
      List<Long> zombies = unshare.descendants().filter(p -> zombie(p.pid())).map(ProcessHandle::pid).toList();
      ProcessHandle init = unshare.children().findFirst().orElseThrow();
      init.destroy(); // SIGTERM to the namespace's PID 1 (the JVM handles it, so the kernel delivers it)
      assertThat(unshare.waitFor(20, TimeUnit.SECONDS)).isTrue();
      return new Run(zombies, Files.readAllLines(report));
    } finally {
      unshare.descendants().forEach(ProcessHandle::destroyForcibly);
      unshare.destroyForcibly();
    }
  }

  private static boolean unshareAllowed() {
    try {
      Process probe = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "true")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static boolean zombie(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
          .anyMatch(line -> line.startsWith("State:") && line.contains("Z"));
    } catch (IOException e) {
      return false;
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
