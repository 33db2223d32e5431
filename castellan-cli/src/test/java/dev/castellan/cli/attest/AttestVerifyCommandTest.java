package dev.castellan.cli.attest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.testkit.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code castellan attest verify} on real evidence from ../shared/vectors/attestation. */
class AttestVerifyCommandTest {
  private static final String NITRO = "attestation/nitro/veracruz_aws_nitro_document.cbor";
  private static final String NITRO_BAD_SIG = "attestation/nitro/veracruz_aws_nitro_document_bad_sig.cbor";
  private static final String NITRO_AT = "2022-11-09T22:52:30Z";
  private static final String NITRO_PCR0 =
      "22f9e1c949208da55eb01b9b9fc88f87454f77ba133f0d82320b509621c92482152a99d0a12335b97178c02d6f977d01";
  private static final String NITRO_NONCE = "c678c86135de539d183acff58886d98dfb9823041af9f934bf909ac0f8d96245";
  private static final String SNP = "attestation/sev-snp/go-sev-guest_attestation.bin";
  private static final String SNP_VCEK = "attestation/sev-snp/go-sev-guest_vcek.testcer";
  private static final String TDX = "attestation/tdx/trustee_tdx_quote_4.dat";

  @TempDir Path temp;

  private static String path(String vector) {
    return Vectors.path(vector).toString();
  }

  /** A collateral directory holding copies of {@code vectors} under neutral names. */
  private Path collateral(String... vectors) throws Exception {
    Path dir = Files.createDirectories(temp.resolve("collateral"));
    for (int i = 0; i < vectors.length; i++) {
      Files.write(dir.resolve("item" + i), Vectors.bytes(vectors[i]));
    }
    return dir;
  }

  @Test
  void verify_nitroDocumentAtItsTimestamp_verified() {
    CliRun run = CliRun.of("attest", "verify", "--any-measurement", path(NITRO), "--at", NITRO_AT, "--no-freshness");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("PASS  nitro.signature", "PASS  nitro.chain", "SKIP  nitro.freshness", "PASS  policy.debug")
        .contains("SKIP  policy.nitro.measurement")
        .contains(NITRO_PCR0)
        .containsPattern("platform +nitro")
        .containsPattern("simulated +false")
        .endsWith("VERIFIED (UNPINNED: no reference value pins the measurement)\n");
  }

  @Test
  void verify_withoutAMeasurementPin_failsUnlessAnyMeasurement() throws Exception {
    CliRun run = CliRun.of("attest", "verify", path(NITRO), "--at", NITRO_AT, "--no-freshness");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL  policy.nitro.measurement")
        .contains("\nNOT VERIFIED: measurement not pinned\n")
        .endsWith("--any-measurement)\n");
    CliRun flag = CliRun.of("attest", "verify", path(NITRO), "--at", NITRO_AT, "--no-freshness", "--expected-pcr0", NITRO_PCR0);
    assertThat(flag.exitCode()).as(flag.toString()).isZero();
    assertThat(flag.out()).contains("PASS  policy.nitro.measurement").endsWith("VERIFIED\n");
    CliRun wrong = CliRun.of("attest", "verify", path(NITRO), "--at", NITRO_AT, "--no-freshness",
        "--expected-pcr0", "00".repeat(48));
    assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(1);
    assertThat(wrong.out()).endsWith("NOT VERIFIED: policy.nitro.measurement\n");
    Path policy = temp.resolve("pinned.json");
    Files.writeString(policy, "{\"nitro\": {\"pcrs\": {\"0\": [\"" + NITRO_PCR0 + "\"]}}}");
    CliRun pinned = CliRun.of("attest", "verify", path(NITRO), "--at", NITRO_AT, "--no-freshness", "--policy", policy.toString());
    assertThat(pinned.exitCode()).as(pinned.toString()).isZero();
    assertThat(pinned.out()).contains("PASS  policy.nitro.measurement").endsWith("VERIFIED\n");
  }

  @Test
  void verify_json_skippedChecksHaveStatusSkip() throws Exception {
    CliRun run = CliRun.of("attest", "verify", "--any-measurement", path(NITRO), "--at", NITRO_AT, "--no-freshness", "--json");
    JsonNode checks = new ObjectMapper().readTree(run.out()).get("checks");
    java.util.Map<String, String> status = new java.util.HashMap<>();
    checks.forEach(c -> status.put(c.get("name").asString(), c.get("status").asString()));
    assertThat(status).containsEntry("nitro.freshness", "skip").containsEntry("nitro.signature", "pass")
        .containsEntry("policy.nitro.measurement", "skip");
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.get("verified").asBoolean()).isTrue();
    assertThat(root.get("unpinned").asBoolean()).isTrue();
    assertThat(root.has("firstFailure")).isFalse();
    CliRun unpinned = CliRun.of("attest", "verify", path(NITRO), "--at", NITRO_AT, "--no-freshness", "--json");
    JsonNode failed = new ObjectMapper().readTree(unpinned.out());
    assertThat(failed.get("verified").asBoolean()).isFalse();
    assertThat(failed.get("unpinned").asBoolean()).isFalse();
    assertThat(failed.get("firstFailure").asString()).isEqualTo("policy.nitro.measurement");
  }

  @Test
  void verify_nitroWithItsNonce_verified_andWrongNonce_failsNamingTheCheck() {
    assertThat(CliRun.of("attest", "verify", "--any-measurement", path(NITRO), "--at", NITRO_AT, "--nonce", NITRO_NONCE).exitCode())
        .isZero();
    CliRun wrong = CliRun.of("attest", "verify", "--any-measurement", path(NITRO), "--at", NITRO_AT, "--nonce", "00" + NITRO_NONCE.substring(2));
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.out()).contains("FAIL  nitro.nonce").endsWith("NOT VERIFIED: nitro.nonce\n");
  }

  @Test
  void verify_nitroBadSignature_failsNamingTheSignatureCheck() {
    CliRun run = CliRun.of("attest", "verify", "--any-measurement", path(NITRO_BAD_SIG), "--at", NITRO_AT, "--no-freshness");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL  nitro.signature").endsWith("NOT VERIFIED: nitro.signature\n");
    assertThat(run.err()).doesNotContain("\tat ");
  }

  @Test
  void verify_nitroNow_failsOnAge() {
    CliRun run = CliRun.of("attest", "verify", "--any-measurement", path(NITRO), "--no-freshness");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("NOT VERIFIED: nitro.");
  }

  @Test
  void verify_hexAndBase64Files_sameVerdictAsBinary() throws Exception {
    byte[] document = Vectors.bytes(NITRO);
    Path hex = temp.resolve("doc.hex");
    Files.writeString(hex, HexFormat.of().formatHex(document) + "\n");
    Path base64 = temp.resolve("doc.b64");
    Files.writeString(base64, Base64.getMimeEncoder().encodeToString(document) + "\n");
    for (Path file : new Path[] {hex, base64}) {
      CliRun run = CliRun.of("attest", "verify", "--any-measurement", file.toString(), "--at", NITRO_AT, "--no-freshness");
      assertThat(run.exitCode()).as(file + ": " + run).isZero();
      assertThat(run.out()).contains(NITRO_PCR0);
    }
  }

  @Test
  void verify_realBase64DebugDocument_needsAllowDebug() {
    String file = path("attestation/nitro/evervault_valid-attestation-doc-base64");
    String at = "2023-09-18T15:03:31Z";
    CliRun strict = CliRun.of("attest", "verify", "--any-measurement", file, "--at", at, "--no-freshness");
    assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(1);
    assertThat(strict.out()).contains("FAIL  policy.debug").endsWith("NOT VERIFIED: policy.debug\n");
    assertThat(CliRun.of("attest", "verify", "--any-measurement", file, "--at", at, "--no-freshness", "--allow-debug").exitCode()).isZero();
  }

  @Test
  void verify_snpReportWithVcekCollateral_failsOnDebugPolicy_passesWithAllowDebug() throws Exception {
    Path folder = collateral(SNP_VCEK);
    Files.writeString(folder.resolve("README"), "not collateral");
    String dir = folder.toString();
    CliRun strict = CliRun.of("attest", "verify", "--any-measurement", path(SNP), "--collateral", dir, "--at", "2024-01-01", "--no-freshness");
    assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(1);
    assertThat(strict.out())
        .contains("PASS  snp.signature", "PASS  snp.chain", "FAIL  policy.debug")
        .containsPattern("platform +snp")
        .contains("b07af9620f3b839b47996422ddec6058338951d984e312115131ea82705eaf5b6bdf8a9ece31a5a608eb0cf2e4872b01")
        .contains("SEV-SNP VCEK (item0)")
        .endsWith("NOT VERIFIED: policy.debug\n");
    assertThat(strict.err()).contains("note: ignoring").contains("README");
    String reportData = "0102030405" + "00".repeat(59);
    CliRun allowed = CliRun.of("attest", "verify", "--any-measurement", path(SNP), "--platform", "snp", "--collateral", dir,
        "--at", "2024-01-01T00:00:00Z", "--report-data", reportData, "--allow-debug");
    assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
    assertThat(allowed.out()).contains("PASS  snp.report-data").endsWith("VERIFIED (UNPINNED: no reference value pins the measurement)\n");
  }

  @Test
  void verify_snpWithAnotherChipsVcek_failsOnTheSignature() throws Exception {
    String dir = collateral("attestation/sev-snp/virtee-sev_vcek_milan.der").toString();
    CliRun run = CliRun.of("attest", "verify", "--any-measurement", path(SNP), "--collateral", dir, "--at", "2024-01-01", "--no-freshness",
        "--allow-debug");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL  snp.signature").endsWith("NOT VERIFIED: snp.signature\n");
  }

  @Test
  void verify_snpWithoutVcek_failsNamingTheEndorsement() {
    CliRun run = CliRun.of("attest", "verify", "--any-measurement", path(SNP), "--at", "2024-01-01", "--no-freshness");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).endsWith("NOT VERIFIED: snp.endorsement\n");
  }

  @Test
  void verify_snpHexReport_withChainFileInCollateral() throws Exception {
    String dir = collateral("attestation/sev-snp/virtee-sev_vcek_milan.der",
        "attestation/sev-snp/amd-roots/ask_ark_milan.pem", "attestation/nitro/aws-nitro-enclaves-root-G1.pem").toString();
    CliRun run = CliRun.of("attest", "verify", "--any-measurement", path("attestation/sev-snp/virtee-sev_report_milan.hex"),
        "--collateral", dir, "--at", "2024-01-01", "--no-freshness", "--json");
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("claims").get("measurement").asString()).startsWith("7a1e5c266c0108dbc9bb94fa");
    assertThat(json.get("checks").findValuesAsString("name")).contains("snp.signature", "snp.chain");
    assertThat(run.exitCode()).isEqualTo(json.get("verified").asBoolean() ? 0 : 1);
  }

  @Test
  void verify_tdxQuoteWithCollateralDirectory_failsOnDebug_passesWithAllowDebug() throws Exception {
    String dir = collateral("attestation/tdx/collateral/go-tdx-guest_sample_tcbInfo_response",
        "attestation/tdx/collateral/go-tdx-guest_sample_qeIdentity_response",
        "attestation/tdx/collateral/derived/go-tdx-guest_tcb-signing-issuer-chain.pem").toString();
    CliRun strict = CliRun.of("attest", "verify", "--any-measurement", path(TDX), "--collateral", dir, "--at", "2023-07-01", "--no-freshness");
    assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(1);
    assertThat(strict.out()).contains("PASS  tdx.quote", "FAIL  policy.debug").containsPattern("tcbStatus +UP_TO_DATE")
        .endsWith("NOT VERIFIED: policy.debug\n");
    CliRun allowed = CliRun.of("attest", "verify", "--any-measurement", path(TDX), "--collateral", dir, "--at", "2023-07-01",
        "--no-freshness", "--allow-debug");
    assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
  }

  @Test
  void verify_tdxWithTheWholeVectorCollateralFolder_picksItemsByContentAndDate() {
    // Two QE identities, three TCB Infos, two CRLs, two issuer chains: chosen by FMSPC and date.
    String dir = Vectors.path("attestation/tdx/collateral").toString();
    CliRun run = CliRun.of("attest", "verify", "--any-measurement", path(TDX), "--collateral", dir, "--at", "2023-07-01",
        "--no-freshness", "--allow-debug");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("PASS  tdx.root-crl", "PASS  tdx.pck-crl", "PASS  tdx.qe-identity")
        .containsPattern("tcbStatus +UP_TO_DATE")
        // Every field a TDX policy can pin is shown, so a user can copy the value into one.
        .containsPattern("xfam +[0-9a-f]{16}\\R").containsPattern("mrSignerSeam +[0-9a-f]{96}\\R")
        .containsPattern("seamAttributes +[0-9a-f]{16}\\R").containsPattern("mrOwnerConfig +[0-9a-f]{96}\\R")
        .containsPattern("qeVendorId +[0-9a-f]{32}\\R").containsPattern("teeTcbSvn +[0-9a-f]{32}\\R")
        .containsPattern("tdxModuleStatus +[A-Z_]+\\R");
  }

  @Test
  void verify_tdxQuoteWithoutCollateral_tcbNotEvaluated_rejectedByDefaultPolicy() {
    CliRun run = CliRun.of("attest", "verify", "--any-measurement", path(TDX), "--at", "2023-07-01", "--no-freshness", "--allow-debug");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).containsPattern("tcbStatus +NOT_EVALUATED").contains("NOT VERIFIED: policy.tdx");
  }

  @Test
  void verify_autoDetects_andWrongPlatformFails() {
    CliRun wrong = CliRun.of("attest", "verify", "--any-measurement", path(NITRO), "--platform", "tdx", "--at", NITRO_AT, "--no-freshness");
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.out()).contains("NOT VERIFIED: tdx.");
    CliRun garbage = CliRun.of("attest", "verify", "--any-measurement", path("attestation/README.md"), "--no-freshness");
    assertThat(garbage.exitCode()).isEqualTo(1);
    assertThat(garbage.out()).contains("NOT VERIFIED: evidence.format");
  }

  @Test
  void verify_withoutFreshnessFlag_isUsageErrorNamingTheOptOut() {
    CliRun run = CliRun.of("attest", "verify", "--any-measurement", path(NITRO), "--at", NITRO_AT);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--no-freshness").contains("never skipped silently").doesNotContain("\tat ");
    CliRun two = CliRun.of("attest", "verify", "--any-measurement", path(NITRO), "--nonce", "00", "--no-freshness");
    assertThat(two.exitCode()).isEqualTo(2);
    assertThat(two.err()).contains("exactly one of");
    assertThat(CliRun.of("attest", "verify", "--any-measurement", path(NITRO), "--nonce", "xyz").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("attest", "verify", "--any-measurement", path(NITRO), "--no-freshness", "--at", "yesterday").exitCode()).isEqualTo(2);
  }

  @Test
  void verify_json_listsChecksAndClaims() throws Exception {
    CliRun run = CliRun.of("attest", "verify", "--any-measurement", path(NITRO), "--at", NITRO_AT, "--no-freshness", "--json");
    assertThat(run.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("verified").asBoolean()).isTrue();
    assertThat(json.get("claims").get("pcr0").asString()).isEqualTo(NITRO_PCR0);
    assertThat(json.get("checks").size()).isGreaterThan(5);
  }

  @Test
  void verify_policyFile_isApplied() throws Exception {
    Path policy = temp.resolve("policy.json");
    Files.writeString(policy, "{\"nitro\": {\"pcrs\": {\"0\": [\"" + "ab".repeat(48) + "\"]}}}");
    CliRun run = CliRun.of("attest", "verify", "--any-measurement", path(NITRO), "--at", NITRO_AT, "--no-freshness", "--policy", policy.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("NOT VERIFIED: policy.nitro");
  }

  @Test
  void verify_missingFileOrSimulator_isOneLineError() {
    CliRun missing = CliRun.of("attest", "verify", "--any-measurement", temp.resolve("absent").toString(), "--no-freshness");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("does not exist").doesNotContain("\tat ");
    Path noSimulator = temp.resolve("no-data");
    CliRun run = CliRun.of("attest", "verify", "--any-measurement", path(NITRO), "--at", NITRO_AT, "--no-freshness",
        "--simulator-data", noSimulator.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no simulator in");
    assertThat(noSimulator).doesNotExist();
  }
}
