package dev.castellan.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code castellan runtime init} in a JVM of its own, driven by {@code castellan runtime ctl} in this one. */
class RuntimeInitEndToEndTest {
  @TempDir Path directory;

  @Test
  void initAndCtl_everyKindOfOutput_thenSystemShutdown() throws Exception {
    Path units = Files.createDirectories(directory.resolve("units"));
    Files.writeString(units.resolve("web.service"), """
        [Service]
        ExecStart = "/bin/sh -c 'echo web-up; exec sleep 30'"
        """);
    Files.writeString(units.resolve("setup.service"), """
        [Service]
        ExecStart = "/bin/sh -c 'echo setup-done'"
        Before = ["web.service"]
        """);
    String control = "unix:" + directory.resolve("init.sock");
    try (ChildJvm init = ChildJvm.start(directory, "init", null, "runtime", "init", "--units", units.toString(),
        "--control", control, "--logs", directory.resolve("logs").toString(), "--grace", "500")) {
      init.await("control on (unix:\\S+)", Duration.ofSeconds(60));

      assertThat(Cli.run("runtime", "ctl", "--control", control, "ping").out()).isEqualTo("pong\n");
      Cli list = Cli.run("runtime", "ctl", "--control", control, "list");
      assertThat(list.exitCode()).as(list.toString()).isZero();
      assertThat(list.out()).containsPattern("web +running +yes +\\d+").containsPattern("setup +exited +yes +- +0 +0");
      Cli status = Cli.run("runtime", "ctl", "--control", control, "ServiceStatus", "web");
      assertThat(status.out()).contains("state: running", "restart: no");
      Cli logs = Cli.run("runtime", "ctl", "--control", control, "logs", "setup", "--lines", "5");
      assertThat(logs.out()).contains("setup-done");
      Cli json = Cli.run("runtime", "ctl", "--control", control, "--json", "ListServices");
      assertThat(json.out()).startsWith("{\"ServiceList\":{\"services\":[");
      Cli ps = Cli.run("runtime", "ctl", "--control", control, "run", "--env", "A=b", "--", "/bin/sleep", "30");
      assertThat(ps.out()).containsPattern("started pid \\d+");
      assertThat(Cli.run("runtime", "ctl", "--control", control, "ps").out()).contains("/bin/sleep 30");
      Cli missing = Cli.run("runtime", "ctl", "--control", control, "start", "nothere");
      assertThat(missing.exitCode()).isEqualTo(1);
      assertThat(missing.err()).contains("castellan runtime ctl: no service named nothere");
      assertThat(Cli.run("runtime", "ctl", "--control", control, "stop", "web").out()).isEqualTo("service web stopped\n");

      assertThat(Cli.run("runtime", "ctl", "--control", control, "shutdown").out()).isEqualTo("shutting down\n");
      init.await("(castellan runtime init: stopped)", Duration.ofSeconds(30));
    }
    Cli gone = Cli.run("runtime", "ctl", "--control", control, "ping");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.err()).contains("cannot reach the control socket");
  }

  @Test
  void init_badUnit_refusedNamingFileAndLine() throws Exception {
    Path units = Files.createDirectories(directory.resolve("units"));
    Files.writeString(units.resolve("a.service"), "[Service]\nExecStart = \"/bin/true\"\nRestart = \"sometimes\"\n");
    ChildJvm init = ChildJvm.run(directory, "bad", null, "runtime", "init", "--units", units.toString(),
        "--control", "unix:" + directory.resolve("init.sock"));
    assertThat(init.exitCode()).isEqualTo(1);
    assertThat(init.output()).contains("a.service: line 3: Restart is one of no, always, on-failure, on-success");
  }

  @Test
  void ctl_badArguments_usageErrors() {
    assertThat(Cli.run("runtime", "ctl", "--control", "tcp:1", "ping").exitCode()).isEqualTo(2);
    assertThat(Cli.run("runtime", "ctl", "--control", "unix:/nonexistent.sock", "status").exitCode()).isEqualTo(2);
    assertThat(Cli.run("runtime", "ctl", "--control", "unix:/nonexistent.sock", "kill", "abc").exitCode()).isEqualTo(2);
    Cli anyCid = Cli.run("runtime", "ctl", "--control", "vsock:5000", "ping");
    assertThat(anyCid.exitCode()).isEqualTo(2);
    assertThat(anyCid.err()).contains("ctl connects to a vsock control socket as vsock:CID:PORT");
  }

  @Test
  void ctl_overVsock_reachesTheSocketBoundary() {
    // No enclave listens at CID 3 here (and this machine has no vsock loopback): the connect
    // itself is what is tested, and its failure must be the one-line network error.
    Cli unreachable = Cli.run("runtime", "ctl", "--control", "vsock:3:5000", "ping");
    assertThat(unreachable.exitCode()).isEqualTo(1);
    assertThat(unreachable.err()).contains("cannot reach the control socket vsock:3:5000: ").doesNotContain("\tat ");
  }

  @Test
  void init_sigterm_stopsServicesAndExits() throws Exception {
    Path units = Files.createDirectories(directory.resolve("units"));
    Files.writeString(units.resolve("web.service"), "[Service]\nExecStart = \"/bin/sleep 30\"\n");
    ChildJvm init = ChildJvm.start(directory, "term", null, "runtime", "init", "--units", units.toString(),
        "--control", "unix:" + directory.resolve("init.sock"), "--logs", directory.resolve("logs").toString());
    init.await("control on (unix:\\S+)", Duration.ofSeconds(60));
    String list = Cli.run("runtime", "ctl", "--control", "unix:" + directory.resolve("init.sock"), "--json", "list").out();
    long pid = Long.parseLong(list.replaceAll(".*\"pid\":(\\d+).*\\s*", "$1"));
    init.close(); // SIGTERM
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("the service was stopped").isFalse();
    assertThat(Files.readString(directory.resolve("logs/web.log"))).contains("stopping: SIGTERM");
  }
}
