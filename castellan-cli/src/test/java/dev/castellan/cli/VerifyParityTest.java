package dev.castellan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.core.bytes.Hex;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.oracle.ApplicationMeasurement;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.server.oracle.OracleInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One build, three measurements: {@code castellan measure}, {@code attest simulate} and an
 * oracle booted as {@code castellan up} boots it (port 0, loopback) agree on PCR0; and the
 * two verify commands give the same verdict for the same policy flags.
 */
class VerifyParityTest {
  private static final String NONCE = "0a0b0c0d";

  @TempDir static Path data;
  @TempDir static Path temp;
  private static Oracle oracle;
  private static SimulatedNitroDevice device;
  private static Path evidence;
  private static String measuredPcr0;

  @BeforeAll
  static void boot() throws Exception {
    Cli measure = Cli.run("measure", "--json");
    assertThat(measure.exitCode()).as(measure.toString()).isZero();
    measuredPcr0 = new ObjectMapper().readTree(measure.out()).get("pcr0").asString();

    evidence = temp.resolve("nitro.bin");
    Cli simulate = Cli.run("attest", "simulate", "--platform", "nitro", "--nonce", NONCE,
        "--out", evidence.toString(), "--data", data.toString());
    assertThat(simulate.exitCode()).as(simulate.toString()).isZero();

    // What UpCommand does, minus waiting for Ctrl-C.
    OracleInfo info = new OracleInfo("test", Optional.empty(), Optional.empty());
    SecureRandom random = new SecureRandom();
    SimulatorHome home = SimulatorHome.open(data, Clock.systemUTC(), random);
    device = SimulatedNitroDevice.boot(home, ApplicationMeasurement.ofRunningApplication(info), Clock.systemUTC(), random);
    oracle = Oracle.boot(ServerConfig.defaults().withDataDirectory(data).withPort(0).withBind("127.0.0.1"),
        new SimulatedNitroTee(device), info, Clock.systemUTC(), random);
  }

  @AfterAll
  static void stop() {
    oracle.close();
  }

  private static Cli verifyOracle(List<String> flags) {
    List<String> args = new ArrayList<>(List.of("verify", oracle.baseUrl(), "--insecure-tls", "--data", data.toString()));
    args.addAll(flags);
    return Cli.run(args);
  }

  private static Cli verifyEvidence(List<String> flags) {
    List<String> args = new ArrayList<>(List.of("attest", "verify", evidence.toString(), "--nonce", NONCE,
        "--data", data.toString()));
    args.addAll(flags);
    return Cli.run(args);
  }

  @Test
  void measureSimulateAndUp_giveTheSamePcr0() throws Exception {
    assertThat(Hex.encode(device.pcr(0))).isEqualTo(measuredPcr0);
    Cli claims = verifyEvidence(List.of("--allow-simulated", "--any-measurement", "--json"));
    JsonNode root = new ObjectMapper().readTree(claims.out());
    assertThat(root.get("claims").get("pcr0").asString()).as(claims.toString()).isEqualTo(measuredPcr0);
    Cli pinned = verifyOracle(List.of("--allow-simulated", "--expected-pcr0", measuredPcr0));
    assertThat(pinned.exitCode()).as(pinned.toString()).isZero();
    assertThat(pinned.out()).contains("PASS  policy.nitro.measurement");
  }

  @Test
  void measureTdx_isTheMrtdOfSimulatedTdxQuotes() throws Exception {
    Cli tdx = Cli.run("measure", "--platform", "tdx", "--json");
    Cli snp = Cli.run("measure", "--platform", "snp", "--json");
    String mrtd = new ObjectMapper().readTree(tdx.out()).get("mrtd").asString();
    assertThat(new ObjectMapper().readTree(snp.out()).get("measurement").asString()).isEqualTo(mrtd);
    Path quote = temp.resolve("tdx.bin");
    Cli simulate = Cli.run("attest", "simulate", "--platform", "tdx", "--out", quote.toString(), "--data", data.toString());
    assertThat(simulate.exitCode()).as(simulate.toString()).isZero();
    Cli verified = Cli.run("attest", "verify", quote.toString(), "--no-freshness", "--allow-simulated",
        "--collateral", quote + ".collateral", "--data", data.toString(),
        "--expected-measurement", mrtd);
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(verified.out()).contains("PASS  policy.tdx.measurement").containsPattern("mrTd +" + mrtd);
  }

  @Test
  void simulate_printedVerifyCommand_verifiesAsPrinted() {
    Path out = temp.resolve("printed.bin");
    Cli simulate = Cli.run("attest", "simulate", "--platform", "nitro", "--nonce", NONCE, "--out", out.toString(),
        "--data", data.toString());
    String line = simulate.out().lines().filter(l -> l.startsWith("verify with: castellan ")).findFirst().orElseThrow();
    List<String> printed = List.of(line.substring("verify with: castellan ".length()).split(" "));
    assertThat(printed).contains("--expected-pcr0", measuredPcr0, out.toAbsolutePath().toString());
    Cli run = Cli.run(printed);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.verdict()).isEqualTo("VERIFIED");
  }

  @Test
  void up_printedVerifyCommand_verifiesAsPrinted() {
    List<String> next = dev.castellan.cli.oracle.UpCommand.verifyNextStep(oracle.baseUrl(), true, data,
        Hex.encode(device.pcr(0)));
    assertThat(next.getFirst()).isEqualTo("castellan");
    assertThat(next).contains("--data", data.toAbsolutePath().toString()).doesNotContain("--trust-root");
    Cli run = Cli.run(next.subList(1, next.size()));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.verdict()).isEqualTo("VERIFIED");
  }

  @Test
  void sameFlags_sameVerdictInBothVerifyCommands() throws Exception {
    Path acceptSimulated = policy("accept.json", "{\"acceptSimulated\": true}");
    Path refuseSimulated = policy("refuse.json", "{\"acceptSimulated\": false}");
    Path pinned = policy("pinned.json", "{\"acceptSimulated\": true, \"nitro\": {\"pcrs\": {\"0\": [\"" + measuredPcr0 + "\"]}}}");
    Path pinnedOther = policy("other.json", "{\"nitro\": {\"pcrs\": {\"0\": [\"" + "00".repeat(48) + "\"]}}}");
    record Case(List<String> flags, String verdict) {}
    List<Case> cases = List.of(
        new Case(List.of("--expected-pcr0", measuredPcr0), "NOT VERIFIED: policy.simulated"),
        new Case(List.of("--allow-simulated"), "NOT VERIFIED: measurement not pinned"),
        new Case(List.of("--allow-simulated", "--expected-pcr0", measuredPcr0), "VERIFIED"),
        new Case(List.of("--allow-simulated", "--any-measurement"), "VERIFIED (UNPINNED: no reference value pins the measurement)"),
        new Case(List.of("--policy", acceptSimulated.toString(), "--expected-pcr0", measuredPcr0), "VERIFIED"),
        new Case(List.of("--policy", acceptSimulated.toString()), "NOT VERIFIED: measurement not pinned"),
        new Case(List.of("--policy", refuseSimulated.toString(), "--expected-pcr0", measuredPcr0), "NOT VERIFIED: policy.simulated"),
        new Case(List.of("--policy", refuseSimulated.toString(), "--allow-simulated", "--expected-pcr0", measuredPcr0), "VERIFIED"),
        new Case(List.of("--policy", pinned.toString()), "VERIFIED"),
        new Case(List.of("--policy", pinnedOther.toString(), "--allow-simulated"), "NOT VERIFIED: policy.nitro.measurement"));
    List<String> problems = new ArrayList<>();
    for (Case c : cases) {
      Cli oracleRun = verifyOracle(c.flags());
      Cli evidenceRun = verifyEvidence(c.flags());
      int expectedExit = c.verdict().startsWith("VERIFIED") ? 0 : 1;
      if (!oracleRun.verdict().equals(c.verdict()) || oracleRun.exitCode() != expectedExit) {
        problems.add(c.flags() + " verify: " + oracleRun);
      }
      if (!evidenceRun.verdict().equals(c.verdict()) || evidenceRun.exitCode() != expectedExit) {
        problems.add(c.flags() + " attest verify: " + evidenceRun);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void expectedPcr0_outsideThePolicysValues_isAUsageErrorInBoth() throws Exception {
    Path pinnedOther = policy("other2.json", "{\"nitro\": {\"pcrs\": {\"0\": [\"" + "00".repeat(48) + "\"]}}}");
    List<String> flags = List.of("--policy", pinnedOther.toString(), "--allow-simulated", "--expected-pcr0", measuredPcr0);
    for (Cli run : List.of(verifyOracle(flags), verifyEvidence(flags))) {
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.err()).contains("not one of the values the policy allows");
    }
  }

  private static Path policy(String name, String json) throws Exception {
    Path file = temp.resolve(name);
    Files.writeString(file, json);
    return file;
  }
}
