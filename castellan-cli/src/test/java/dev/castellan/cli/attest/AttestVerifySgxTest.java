package dev.castellan.cli.attest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.testkit.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code castellan attest verify} on the real SGX quote of vectors/attestation/extra. */
class AttestVerifySgxTest {
  private static final String SGX = "attestation/extra/dcap-qvl/sample/sgx_quote";
  private static final String TDX = "attestation/extra/dcap-qvl/sample/tdx_quote";
  private static final String AT = "2025-07-19T10:01:17Z";
  private static final String MRENCLAVE =
      "33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb";

  @TempDir Path temp;

  private static String path(String vector) {
    return Vectors.path(vector).toString();
  }

  @Test
  void verify_platformSgxAndAuto_authenticateTheQuoteAndShowItsClaims() {
    for (String platform : new String[] {"sgx", "auto"}) {
      CliRun run = CliRun.of("attest", "verify", "--platform", platform, path(SGX), "--at", AT,
          "--no-freshness", "--any-measurement");
      assertThat(run.out()).as(run.toString())
          .contains("PASS  sgx.pck-chain", "PASS  sgx.qe-report.signature", "PASS  sgx.qe-binding",
              "PASS  sgx.quote.signature", "SKIP  sgx.freshness", "SKIP  policy.sgx.measurement")
          .containsPattern("platform +sgx")
          .containsPattern("mrEnclave +" + MRENCLAVE)
          .containsPattern("flags +0x5")
          .containsPattern("fmspc +00a067110000");
      // Without TCB Info the TCB is not evaluated, which the strict defaults refuse.
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.out()).contains("FAIL  sgx.tcb", "FAIL  policy.sgx.tcb-status")
          .containsPattern("tcbStatus +NOT_EVALUATED")
          .endsWith("NOT VERIFIED: sgx.tcb\n");
    }
  }

  @Test
  void verify_mrEnclavePinnedByPolicy_passesItsMeasurementCheck() throws Exception {
    Path policy = temp.resolve("sgx.json");
    Files.writeString(policy, "{\"sgx\": {\"mrEnclave\": [\"" + MRENCLAVE + "\"]}}");
    CliRun run = CliRun.of("attest", "verify", path(SGX), "--at", AT, "--no-freshness",
        "--policy", policy.toString(), "--json");
    JsonNode root = new ObjectMapper().readTree(run.out());
    java.util.Map<String, String> status = new java.util.HashMap<>();
    root.get("checks").forEach(c -> status.put(c.get("name").asString(), c.get("status").asString()));
    assertThat(status).as(run.toString()).containsEntry("policy.sgx.measurement", "pass")
        .containsEntry("sgx.quote.signature", "pass");
    assertThat(root.get("claims").get("platform").asString()).isEqualTo("sgx");
  }

  @Test
  void verify_mutatedQuote_failsNamingTheSignature() throws Exception {
    byte[] quote = Vectors.bytes(SGX);
    quote[48 + 64] ^= 1; // MRENCLAVE
    Path file = temp.resolve("mutated");
    Files.write(file, quote);
    CliRun run = CliRun.of("attest", "verify", file.toString(), "--at", AT, "--no-freshness");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL  sgx.quote.signature")
        .endsWith("NOT VERIFIED: sgx.quote.signature\n");
  }

  @Test
  void verify_tdxQuoteAsSgx_isMalformed() {
    CliRun run = CliRun.of("attest", "verify", "--platform", "sgx", path(TDX), "--at", AT,
        "--no-freshness");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).endsWith("NOT VERIFIED: sgx.quote\n");
  }

  /** The dcap-qvl collateral JSON of the vector, laid out as the PCS files a user would download. */
  private Path pcsDirectory() throws Exception {
    JsonNode c = new ObjectMapper().readTree(Vectors.bytes("attestation/extra/dcap-qvl/sample/sgx_quote_collateral.json"));
    Path dir = Files.createDirectories(temp.resolve("pcs"));
    // The signed bodies are kept byte for byte: the signature covers the raw tcbInfo / enclaveIdentity text.
    Files.writeString(dir.resolve("a"), "{\"tcbInfo\":" + c.get("tcb_info").asString() + ",\"signature\":\""
        + c.get("tcb_info_signature").asString() + "\"}");
    Files.writeString(dir.resolve("b"), "{\"enclaveIdentity\":" + c.get("qe_identity").asString() + ",\"signature\":\""
        + c.get("qe_identity_signature").asString() + "\"}");
    Files.writeString(dir.resolve("c"), c.get("tcb_info_issuer_chain").asString());
    Files.write(dir.resolve("d"), java.util.HexFormat.of().parseHex(c.get("root_ca_crl").asString()));
    Files.write(dir.resolve("e"), java.util.HexFormat.of().parseHex(c.get("pck_crl").asString()));
    return dir;
  }

  @Test
  void verify_withPcsCollateralDirectory_evaluatesTheTcbAsItsReadmeStates() throws Exception {
    String dir = pcsDirectory().toString();
    CliRun strict = CliRun.of("attest", "verify", path(SGX), "--collateral", dir, "--at", AT,
        "--no-freshness", "--measurement", MRENCLAVE);
    assertThat(strict.out()).as(strict.toString()).contains("SGX TCB Info for FMSPC 00a067110000", "SGX QE Identity")
        .containsPattern("tcbStatus +CONFIGURATION_AND_SW_HARDENING_NEEDED")
        .contains("INTEL-SA-00289", "INTEL-SA-00615")
        .contains("FAIL  policy.sgx.tcb-status");
    assertThat(strict.exitCode()).isEqualTo(1);
    Path policy = temp.resolve("policy.json");
    Files.writeString(policy, "{\"sgx\": {\"acceptedAdvisoryIds\": [\"INTEL-SA-00289\", \"INTEL-SA-00615\"]}}");
    CliRun accepted = CliRun.of("attest", "verify", path(SGX), "--collateral", dir, "--at", AT, "--no-freshness",
        "--measurement", MRENCLAVE, "--policy", policy.toString(),
        "--accept-tcb-status", "ConfigurationAndSWHardeningNeeded");
    assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
    assertThat(accepted.out()).contains("PASS  sgx.tcb", "PASS  policy.sgx.tcb-status", "PASS  policy.sgx.measurement")
        .endsWith("VERIFIED\n");
  }
}
