package dev.castellan.runtime.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unit files parsed strictly, and the dependency graph built from them; no processes. */
class UnitFilesTest {
  @TempDir Path directory;

  private static final String SEED_EXAMPLE = """
      [Service]
      ExecStart = "/apps/my-service --config /apps/.config/service.toml"
      Environment = ["LOG_LEVEL=info", "PORT=8080"]
      WorkingDirectory = "/apps"
      Restart = "on-failure"
      RestartSec = 5
      ServiceEnable = true

      # Dependencies
      After = ["network.service", "nats.service"]
      Before = []
      Requires = ["nats.service"]
      RequiredBy = []
      """;

  @Test
  void parse_seedExample_everyKeyRead() throws Exception {
    Unit unit = UnitFiles.parse(Path.of("units/my.service"), SEED_EXAMPLE);
    assertThat(unit.name()).isEqualTo("my");
    assertThat(unit.execStart()).containsExactly("/apps/my-service", "--config", "/apps/.config/service.toml");
    assertThat(unit.environment()).isEqualTo(Map.of("LOG_LEVEL", "info", "PORT", "8080"));
    assertThat(unit.workingDirectory()).contains(Path.of("/apps"));
    assertThat(unit.restart()).isEqualTo(RestartPolicy.ON_FAILURE);
    assertThat(unit.restartSec()).isEqualTo(Duration.ofSeconds(5));
    assertThat(unit.enabled()).isTrue();
    assertThat(unit.after()).containsExactly("network", "nats");
    assertThat(unit.requires()).containsExactly("nats");
    assertThat(unit.line("Requires")).isEqualTo(12);
  }

  @Test
  void parse_quotedWords_splitAsAShellWould() throws Exception {
    Unit unit = UnitFiles.parse(Path.of("q.service"), "[Service]\nExecStart = '/bin/sh -c \"echo a  b\" x\\ y'\n");
    assertThat(unit.execStart()).containsExactly("/bin/sh", "-c", "echo a  b", "x y");
  }

  @Test
  void parse_defaults_restartNoOneSecondEnabled() throws Exception {
    Unit unit = UnitFiles.parse(Path.of("d.service"), "[Service]\nExecStart = \"/bin/true\"\n");
    assertThat(unit.restart()).isEqualTo(RestartPolicy.NO);
    assertThat(unit.restartSec()).isEqualTo(Duration.ofSeconds(1));
    assertThat(unit.enabled()).isTrue();
  }

  /** Each bad file, the line named and the reason; collected so that one run shows every failure. */
  @Test
  void parse_badUnits_refusedWithFileLineAndReason() {
    Map<String, String> cases = Map.ofEntries(
        Map.entry("[Service]\nExecStart = \"/bin/true\"\nRestrat = \"always\"\n", "units/bad.service: line 3: unknown key Restrat"),
        Map.entry("[Service]\nExecStart = \"/bin/true\"\nRestartSec = \"5\"\n", "units/bad.service: line 3: RestartSec must be an integer"),
        Map.entry("[Service]\nExecStart = \"/bin/true\"\nServiceEnable = 1\n", "units/bad.service: line 3: ServiceEnable must be true or false"),
        Map.entry("[Service]\nExecStart = \"/bin/true\"\nAfter = \"a\"\n", "units/bad.service: line 3: After must be an array of strings"),
        Map.entry("[Service]\nExecStart = \"/bin/true\"\nAfter = [1]\n", "units/bad.service: line 3: After must be an array of strings"),
        Map.entry("[Service]\nRestart = \"no\"\n", "units/bad.service: ExecStart is missing"),
        Map.entry("[Service]\nExecStart = \"  \"\n", "units/bad.service: line 2: ExecStart is empty"),
        Map.entry("[Service]\nExecStart = \"/bin/true\"\nRestart = \"sometimes\"\n", "units/bad.service: line 3: Restart is one of no, always, on-failure, on-success"),
        Map.entry("[Service]\nExecStart = \"/bin/true\"\nRestartSec = -1\n", "units/bad.service: line 3: RestartSec is 0 to 86400 seconds"),
        Map.entry("[Service]\nExecStart = \"/bin/true\"\n\n[Install]\n", "units/bad.service: line 4: unknown table [Install] (only [Service])"),
        Map.entry("ExecStart = \"/bin/true\"\n", "units/bad.service: line 1: key ExecStart is outside [Service]"),
        Map.entry("[Service]\nExecStart = \"/bin/true\n", "units/bad.service: line 2: unterminated string"),
        Map.entry("[Service]\nExecStart = \"/bin/true\"\nExecStart = \"/bin/false\"\n", "units/bad.service: line 3: key ExecStart is given twice"),
        Map.entry("[Service]\nExecStart = \"/bin/true\"\nRestartSec = 1.5\n", "units/bad.service: line 3: only decimal integers are supported"),
        Map.entry("[Service]\nExecStart = \"/bin/sh -c 'x\"\n", "units/bad.service: line 2: unterminated ' quote"),
        Map.entry("[Service]\nExecStart = \"/bin/true\"\nEnvironment = [\"NOEQUALS\"]\n", "units/bad.service: line 3: an Environment entry is NAME=value"),
        Map.entry("[Service]\nExecStart = \"/bin/true\" junk\n", "units/bad.service: line 2: unexpected j after the value"),
        Map.entry("", "units/bad.service: no [Service] table"));
    List<String> failures = new java.util.ArrayList<>();
    cases.forEach((text, expected) -> {
      try {
        UnitFiles.parse(Path.of("units/bad.service"), text);
        failures.add("accepted: " + text);
      } catch (UnitFileException e) {
        if (!e.getMessage().equals(expected)) {
          failures.add("expected <" + expected + "> got <" + e.getMessage() + ">");
        }
      }
    });
    assertThat(failures).isEmpty();
  }

  @Test
  void load_oversizedFile_refused() throws Exception {
    Fixture fixture = new Fixture(directory);
    fixture.unit("big", "[Service]\nExecStart = \"/bin/true\"\n" + "#".repeat(UnitFiles.MAXIMUM_FILE_SIZE));
    assertThatThrownBy(() -> UnitFiles.load(fixture.units)).isInstanceOf(UnitFileException.class)
        .hasMessageEndingWith("big.service: larger than 65536 bytes");
  }

  @Test
  void graph_unknownDependency_refusedWithFileAndLine() throws Exception {
    Fixture fixture = new Fixture(directory);
    fixture.unit("a", "[Service]\nExecStart = \"/bin/true\"\n\nRequires = [\"nats.service\"]\n");
    assertThatThrownBy(() -> DependencyGraph.of(UnitFiles.load(fixture.units).values()))
        .isInstanceOf(UnitFileException.class)
        .hasMessage(fixture.units.resolve("a.service") + ": line 4: Requires names unknown unit nats");
  }

  @Test
  void graph_twoUnitCycle_refusedNamingTheCycle() throws Exception {
    Fixture fixture = new Fixture(directory);
    fixture.unit("a", "[Service]\nExecStart = \"/bin/true\"\nAfter = [\"b\"]\n");
    fixture.unit("b", "[Service]\nExecStart = \"/bin/true\"\nAfter = [\"a.service\"]\n");
    assertThatThrownBy(() -> DependencyGraph.of(UnitFiles.load(fixture.units).values()))
        .isInstanceOf(DependencyCycleException.class).hasMessage("dependency cycle: a -> b -> a");
  }

  @Test
  void graph_threeUnitCycleThroughBeforeAndRequiredBy_refusedNamingTheCycle() throws Exception {
    Fixture fixture = new Fixture(directory);
    fixture.unit("a", "[Service]\nExecStart = \"/bin/true\"\nBefore = [\"b\"]\n");
    fixture.unit("b", "[Service]\nExecStart = \"/bin/true\"\nRequiredBy = [\"c\"]\n");
    fixture.unit("c", "[Service]\nExecStart = \"/bin/true\"\nBefore = [\"a\"]\n");
    fixture.unit("d", "[Service]\nExecStart = \"/bin/true\"\n");
    assertThatThrownBy(() -> DependencyGraph.of(UnitFiles.load(fixture.units).values()))
        .isInstanceOf(DependencyCycleException.class).hasMessage("dependency cycle: a -> b -> c -> a");
  }

  @Test
  void graph_selfDependency_isACycle() throws Exception {
    Fixture fixture = new Fixture(directory);
    fixture.unit("a", "[Service]\nExecStart = \"/bin/true\"\nAfter = [\"a\"]\n");
    assertThatThrownBy(() -> DependencyGraph.of(UnitFiles.load(fixture.units).values()))
        .hasMessage("dependency cycle: a -> a");
  }

  @Test
  void graph_everyKindOfEdge_ordersDependenciesFirst() throws Exception {
    Fixture fixture = new Fixture(directory);
    fixture.unit("app", "[Service]\nExecStart = \"/bin/true\"\nRequires = [\"nats\"]\nAfter = [\"network\"]\n");
    fixture.unit("nats", "[Service]\nExecStart = \"/bin/true\"\n");
    fixture.unit("network", "[Service]\nExecStart = \"/bin/true\"\nBefore = [\"nats\"]\n");
    fixture.unit("proxy", "[Service]\nExecStart = \"/bin/true\"\nRequiredBy = [\"network\"]\n");
    DependencyGraph graph = DependencyGraph.of(UnitFiles.load(fixture.units).values());
    assertThat(graph.startOrder()).containsExactly("proxy", "network", "nats", "app");
    assertThat(graph.stopOrder()).containsExactly("app", "nats", "network", "proxy");
    assertThat(graph.requirements("network")).containsExactly("proxy");
  }
}
