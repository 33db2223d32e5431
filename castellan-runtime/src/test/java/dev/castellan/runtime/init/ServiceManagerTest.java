package dev.castellan.runtime.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manager with real {@code /bin/sh} processes in a temporary directory. */
class ServiceManagerTest {
  @TempDir Path directory;

  /**
   * Start order, observed through a shared file: each unit appends its pid and name. The
   * manager forks in order, so pids ascend in start order (no pid wrap-around within a test).
   */
  @Test
  void startAll_afterRequiresBefore_startsInDependencyOrder() throws Exception {
    Fixture fixture = new Fixture(directory);
    fixture.shell("app", "echo $$ app >> order", "Requires = [\"db\"]", "After = [\"net\"]");
    fixture.shell("db", "echo $$ db >> order", "After = [\"net.service\"]");
    fixture.shell("net", "echo $$ net >> order");
    fixture.shell("log", "echo $$ log >> order", "Before = [\"net\"]");
    fixture.shell("off", "echo $$ off >> order", "ServiceEnable = false");
    try (ServiceManager manager = ServiceManager.load(fixture.options(), false)) {
      manager.startAll();
      Fixture.await("four starts", () -> fixture.lines("order").size() == 4);
      List<String> byPid = fixture.lines("order").stream()
          .sorted(Comparator.comparingLong(line -> Long.parseLong(line.split(" ")[0])))
          .map(line -> line.split(" ")[1]).toList();
      assertThat(byPid).containsExactly("log", "net", "db", "app");
      assertThat(manager.status("off").state()).isEqualTo(ServiceState.INACTIVE);
    }
  }

  @Test
  void start_oneService_startsWhatItRequiresFirst() throws Exception {
    Fixture fixture = new Fixture(directory);
    fixture.shell("app", "echo $$ app >> order", "Requires = [\"db\"]", "ServiceEnable = false");
    fixture.shell("db", "echo $$ db >> order", "ServiceEnable = false");
    try (ServiceManager manager = ServiceManager.load(fixture.options(), false)) {
      manager.start("app.service");
      Fixture.await("two starts", () -> fixture.lines("order").size() == 2);
      assertThat(manager.status("db").state()).isNotEqualTo(ServiceState.INACTIVE);
    }
  }

  @Test
  void restartNo_failure_notRestarted() throws Exception {
    Fixture fixture = new Fixture(directory);
    fixture.shell("once", "echo run >> runs; exit 3", "Restart = \"no\"");
    try (ServiceManager manager = ServiceManager.load(fixture.options(), false)) {
      manager.startAll();
      Fixture.await("failed", () -> state(manager, "once") == ServiceState.FAILED);
      assertThat(manager.status("once").lastExitCode()).hasValue(3);
      assertThat(manager.status("once").restarts()).isZero();
      assertThat(fixture.lines("runs")).hasSize(1);
      assertThat(fixture.delays).isEmpty();
    }
  }

  @Test
  void restartAlways_successAndFailure_restartedWithDoublingBackoffUpToTheCap() throws Exception {
    Fixture fixture = new Fixture(directory);
    fixture.blockAfter(4);
    fixture.shell("loop", "echo run >> runs; exit $(( $(wc -l < runs) % 2 ))", "Restart = \"always\"", "RestartSec = 1");
    try (ServiceManager manager = ServiceManager.load(fixture.options(), false)) {
      manager.startAll();
      Fixture.await("five runs", () -> fixture.lines("runs").size() == 5);
      Fixture.await("waiting out the fifth delay", () -> fixture.delays.size() == 5);
      assertThat(fixture.delays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
          Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(4));
      assertThat(manager.status("loop").state()).isEqualTo(ServiceState.RESTARTING);
      assertThat(manager.status("loop").restarts()).isEqualTo(4);
      manager.stop("loop");
      assertThat(manager.status("loop").state()).isEqualTo(ServiceState.STOPPED);
    }
  }

  @Test
  void restartOnFailure_failsTwiceThenSucceeds_restartedTwiceThenExited() throws Exception {
    Fixture fixture = new Fixture(directory);
    fixture.shell("flaky", "echo run >> runs; [ $(wc -l < runs) -ge 3 ]", "Restart = \"on-failure\"", "RestartSec = 2");
    try (ServiceManager manager = ServiceManager.load(fixture.options(), false)) {
      manager.startAll();
      Fixture.await("exited", () -> state(manager, "flaky") == ServiceState.EXITED);
      assertThat(fixture.lines("runs")).hasSize(3);
      assertThat(fixture.delays).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
      assertThat(manager.status("flaky").lastExitCode()).hasValue(0);
    }
  }

  @Test
  void restartOnSuccess_succeedsTwiceThenFails_restartedTwiceThenFailed() throws Exception {
    Fixture fixture = new Fixture(directory);
    fixture.shell("job", "echo run >> runs; [ $(wc -l < runs) -lt 3 ]", "Restart = \"on-success\"", "RestartSec = 1");
    try (ServiceManager manager = ServiceManager.load(fixture.options(), false)) {
      manager.startAll();
      Fixture.await("failed", () -> state(manager, "job") == ServiceState.FAILED);
      assertThat(fixture.lines("runs")).hasSize(3);
      assertThat(fixture.delays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
      assertThat(manager.status("job").restarts()).isEqualTo(2);
    }
  }

  @Test
  void logs_pastTheSize_rotatedKeepingTheConfiguredCount() throws Exception {
    Fixture fixture = new Fixture(directory);
    String line = "x".repeat(100);
    fixture.shell("chatty", "i=0; while [ $i -lt 300 ]; do echo \"$i " + line + "\"; i=$((i+1)); done; echo err >&2");
    InitOptions options = fixture.options().withLogRotation(4096, 2);
    try (ServiceManager manager = ServiceManager.load(options, false)) {
      manager.startAll();
      Fixture.await("exited", () -> state(manager, "chatty") == ServiceState.EXITED);
      Path log = fixture.logs.resolve("chatty.log");
      assertThat(log.resolveSibling("chatty.log.1")).exists();
      assertThat(log.resolveSibling("chatty.log.2")).exists();
      assertThat(log.resolveSibling("chatty.log.3")).doesNotExist();
      for (String name : List.of("chatty.log", "chatty.log.1", "chatty.log.2")) {
        assertThat(Files.size(fixture.logs.resolve(name))).as(name).isLessThanOrEqualTo(4096 + 8192);
      }
      List<String> tail = manager.logs("chatty", 3);
      assertThat(tail).hasSize(3);
      assertThat(tail.get(0)).startsWith("299 ");
      assertThat(tail.get(1)).isEqualTo("err");
      assertThat(tail.get(2)).startsWith("[init] exited with 0");
    }
  }

  @Test
  void shutdown_stopsInReverseOrder_andKillsAServiceThatIgnoresSigterm() throws Exception {
    Fixture fixture = new Fixture(directory);
    String polite = "trap \"echo %s >> stops; exit 0\" TERM; touch %s.ready; while :; do sleep 0.05; done";
    fixture.shell("a", polite.formatted("a", "a"));
    fixture.shell("b", polite.formatted("b", "b"), "After = [\"a\"]");
    fixture.shell("stubborn", "trap \"\" TERM; touch stubborn.ready; while :; do sleep 0.05; done", "After = [\"b\"]");
    ServiceManager manager = ServiceManager.load(fixture.options(), false);
    manager.startAll();
    for (String name : List.of("a", "b", "stubborn")) {
      Fixture.await(name + " ready", () -> Files.exists(directory.resolve(name + ".ready")));
    }
    long stubbornPid = manager.status("stubborn").pid().orElseThrow();
    long started = System.nanoTime();
    manager.shutdown();
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(fixture.lines("stops")).containsExactly("b", "a");
    assertThat(manager.status("stubborn").lastExitCode()).hasValue(128 + 9);
    assertThat(tookMillis).isGreaterThanOrEqualTo(300);
    assertThat(ProcessHandle.of(stubbornPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(manager.list()).allSatisfy(status -> assertThat(status.state()).isEqualTo(ServiceState.STOPPED));
    assertThat(Files.readString(fixture.logs.resolve("stubborn.log"))).contains("SIGKILL");
  }

  private static ServiceState state(ServiceManager manager, String name) {
    try {
      return manager.status(name).state();
    } catch (InitException e) {
      throw new IllegalStateException(e);
    }
  }
}
