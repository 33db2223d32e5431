package dev.castellan.cli.attest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.testkit.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code castellan attest verify REPORT --platform gpu --chain PEM --nonce HEX} on the real Hopper vectors. */
class AttestVerifyGpuTest {
  private static final String REPORT = "gpu/nvidia/hopperAttestationReport.txt";
  private static final String CHAIN = "gpu/nvidia/hopper_cert_chain_case1.txt";
  private static final String CHAIN_CASE4 = "gpu/nvidia/hopper_cert_chain_case4.txt";
  private static final String NONCE = "931d8dd0add203ac3d8b4fbde75e115278eefcdceac5b87671a748f32364dfcb";
  private static final String BLOCK_2 =
      "8048dfd18fe229bf16eb9d30cca0f11a24dafe6eb731de1462984645a0b189b77c4e4e17de727a5e19e3d07de51da338";

  @TempDir Path temp;

  private static String path(String vector) {
    return Vectors.path(vector).toString();
  }

  @Test
  void verify_hexReportWithChainAndNonce_verifiedWithEveryCheck() {
    CliRun run = CliRun.of("attest", "verify", path(REPORT), "--platform", "gpu", "--chain", path(CHAIN),
        "--nonce", NONCE, "--any-measurement");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("PASS  gpu.report", "PASS  gpu.chain", "PASS  gpu.fwid", "PASS  gpu.signature", "PASS  gpu.nonce")
        .contains("SKIP  policy.gpu.measurement")
        .containsPattern("platform +gpu")
        .containsPattern("driverVersion +550\\.90\\.07")
        .containsPattern("vbiosVersion +96\\.00\\.9f\\.00\\.01")
        .contains(BLOCK_2)
        .endsWith("VERIFIED (UNPINNED: no reference value pins the measurement)\n");
  }

  @Test
  void verify_binaryReportAndAPolicyPinningBlockDriverAndVbios_verified_andAWrongPinFails() throws Exception {
    Path binary = temp.resolve("report.bin");
    Files.write(binary, HexFormat.of().parseHex(Vectors.text(REPORT).strip()));
    Path policy = temp.resolve("gpu.json");
    Files.writeString(policy, "{\"gpu\": {\"measurements\": {\"2\": [\"" + BLOCK_2 + "\"]},"
        + " \"driverVersions\": [\"550.90.07\"], \"vbiosVersions\": [\"96.00.9f.00.01\"]}}");
    CliRun run = CliRun.of("attest", "verify", binary.toString(), "--chain", path(CHAIN), "--nonce", NONCE,
        "--policy", policy.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("PASS  policy.gpu.measurement", "PASS  policy.gpu.block.2",
        "PASS  policy.gpu.driver-version", "PASS  policy.gpu.vbios-version").endsWith("VERIFIED\n");

    Files.writeString(policy, "{\"gpu\": {\"measurements\": {\"2\": [\"" + BLOCK_2 + "\"]},"
        + " \"driverVersions\": [\"535.104.05\"]}}");
    CliRun wrong = CliRun.of("attest", "verify", binary.toString(), "--chain", path(CHAIN), "--nonce", NONCE,
        "--policy", policy.toString());
    assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(1);
    assertThat(wrong.out()).contains("FAIL  policy.gpu.driver-version").endsWith("NOT VERIFIED: policy.gpu.driver-version\n");
  }

  @Test
  void verify_wrongNonce_failsNamingTheNonceCheck_json() throws Exception {
    CliRun run = CliRun.of("attest", "verify", path(REPORT), "--platform", "gpu", "--chain", path(CHAIN),
        "--nonce", "00" + NONCE.substring(2), "--any-measurement", "--json");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.get("verified").asBoolean()).isFalse();
    assertThat(root.get("firstFailure").asString()).isEqualTo("gpu.nonce");
  }

  @Test
  void verify_chainWithoutTheLeaf_failsTheFwidBinding() {
    CliRun run = CliRun.of("attest", "verify", path(REPORT), "--platform", "gpu", "--chain", path(CHAIN_CASE4),
        "--nonce", NONCE, "--any-measurement");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL  gpu.fwid").endsWith("NOT VERIFIED: gpu.fwid\n");
    assertThat(run.err()).doesNotContain("\tat ");
  }

  @Test
  void verify_gpuWithoutChain_orChainForAnotherPlatform_isAUsageError() {
    CliRun missing = CliRun.of("attest", "verify", path(REPORT), "--platform", "gpu", "--nonce", NONCE);
    assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
    assertThat(missing.err()).contains("--chain");
    CliRun other = CliRun.of("attest", "verify", path("attestation/sev-snp/go-sev-guest_attestation.bin"),
        "--chain", path(CHAIN), "--no-freshness");
    assertThat(other.exitCode()).as(other.toString()).isEqualTo(2);
    assertThat(other.err()).contains("--chain applies to GPU evidence only");
  }
}
