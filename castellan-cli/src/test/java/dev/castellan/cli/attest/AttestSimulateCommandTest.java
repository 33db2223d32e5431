package dev.castellan.cli.attest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code castellan attest simulate} then {@code attest verify}: round trips for nitro, snp, tdx and gpu. */
class AttestSimulateCommandTest {
  /** One simulator for the class: its SEV-SNP hierarchy (RSA-4096) takes seconds to create. */
  @TempDir static Path data;

  @TempDir Path temp;

  private static final String REPORT_DATA = "5a".repeat(64);
  private static final String OTHER_REPORT_DATA = "5b".repeat(64);
  private static final String GPU_NONCE = "6c".repeat(32);
  private static final String OTHER_GPU_NONCE = "6d".repeat(32);

  private Path simulate(String platform, String... freshness) {
    Path out = temp.resolve(platform + ".bin");
    List<String> args = new java.util.ArrayList<>(List.of("attest", "simulate", "--platform", platform,
        "--out", out.toString(), "--data", data.toString()));
    args.addAll(List.of(freshness));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("SIMULATED").contains("castellan attest verify " + out);
    return out;
  }

  /** The trust options the simulate command printed (everything after --allow-simulated). */
  private static CliRun verify(Path evidence, List<String> trust, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("attest", "verify", "--any-measurement", evidence.toString()));
    args.addAll(trust);
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private void roundTrip(Path evidence, List<String> trust, String flag, String good, String bad, String badCheck) {
    CliRun ok = verify(evidence, trust, "--allow-simulated", flag, good);
    assertThat(ok.exitCode()).as(ok.toString()).isZero();
    assertThat(ok.out()).containsPattern("simulated +true").contains("PASS  policy.simulated").endsWith("VERIFIED (UNPINNED: no reference value pins the measurement)\n");

    CliRun strict = verify(evidence, trust, flag, good);
    assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(1);
    assertThat(strict.out()).contains("FAIL  policy.simulated").endsWith("NOT VERIFIED: policy.simulated\n");

    CliRun wrong = verify(evidence, trust, "--allow-simulated", flag, bad);
    assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(1);
    assertThat(wrong.out()).endsWith("NOT VERIFIED: " + badCheck + "\n");
  }

  @Test
  void nitro_simulateThenVerify_needsAllowSimulatedAndTheNonce() {
    Path evidence = simulate("nitro", "--nonce", "0a0b0c0d");
    List<String> trust = List.of("--data", data.toString());
    roundTrip(evidence, trust, "--nonce", "0a0b0c0d", "0a0b0c0e", "nitro.nonce");
    CliRun untrusted = verify(evidence, List.of(), "--allow-simulated", "--nonce", "0a0b0c0d");
    assertThat(untrusted.out()).endsWith("NOT VERIFIED: nitro.chain\n");
  }

  @Test
  void snp_simulateThenVerify_withSimulatorDataOrTrustRoot() {
    Path evidence = simulate("snp", "--report-data", REPORT_DATA);
    String collateral = evidence + ".collateral";
    roundTrip(evidence, List.of("--collateral", collateral, "--simulator-data", data.toString()),
        "--report-data", REPORT_DATA, OTHER_REPORT_DATA, "snp.report-data");
    CliRun byRoot = verify(evidence, List.of("--collateral", collateral, "--trust-root", collateral + "/ark.pem"),
        "--allow-simulated", "--report-data", REPORT_DATA);
    assertThat(byRoot.exitCode()).as(byRoot.toString()).isZero();
    CliRun nonce = verify(evidence, List.of("--collateral", collateral, "--simulator-data", data.toString()),
        "--allow-simulated", "--nonce", "00");
    assertThat(nonce.out()).endsWith("NOT VERIFIED: snp.report-data\n");
  }

  @Test
  void tdx_simulateThenVerify_withTheDataDirectoryAndTheWrittenCollateral() throws Exception {
    Path evidence = simulate("tdx", "--report-data", REPORT_DATA);
    Path collateral = Path.of(evidence + ".collateral");
    try (Stream<Path> files = Files.list(collateral)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("tcb-info.json", "qe-identity.json", "tcb-signing-chain.pem");
    }
    assertThat(data.resolve("simulator/tdx/root.crt")).isRegularFile();
    List<String> trust = List.of("--collateral", collateral.toString(), "--data", data.toString());
    roundTrip(evidence, trust, "--report-data", REPORT_DATA, OTHER_REPORT_DATA, "tdx.freshness");
    CliRun ok = verify(evidence, trust, "--allow-simulated", "--report-data", REPORT_DATA);
    assertThat(ok.out()).containsPattern("tcbStatus +UP_TO_DATE");
  }

  @Test
  void tdx_secondRun_sameRoot_soTheFirstQuoteStillVerifiesWithTheSecondCollateral() throws Exception {
    Path first = simulate("tdx", "--report-data", REPORT_DATA);
    byte[] root = Files.readAllBytes(data.resolve("simulator/tdx/root.crt"));
    Path second = temp.resolve("second");
    Files.createDirectories(second);
    CliRun run = CliRun.of("attest", "simulate", "--platform", "tdx", "--out", second.resolve("tdx.bin").toString(),
        "--data", data.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(Files.readAllBytes(data.resolve("simulator/tdx/root.crt"))).isEqualTo(root);
    CliRun ok = verify(first, List.of("--collateral", second.resolve("tdx.bin.collateral").toString(), "--data",
        data.toString()), "--allow-simulated", "--report-data", REPORT_DATA);
    assertThat(ok.exitCode()).as(ok.toString()).isZero();
  }

  @Test
  void gpu_simulateThenVerify_needsAllowSimulatedTheDataAndTheNonce() throws Exception {
    Path evidence = simulate("gpu", "--nonce", GPU_NONCE);
    Path chain = Path.of(evidence + ".chain.pem");
    assertThat(Files.readString(chain)).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(data.resolve("simulator/gpu/root.crt")).isRegularFile();
    List<String> trust = List.of("--platform", "gpu", "--chain", chain.toString(), "--data", data.toString());
    roundTrip(evidence, trust, "--nonce", GPU_NONCE, OTHER_GPU_NONCE, "gpu.nonce");

    CliRun ok = verify(evidence, trust, "--allow-simulated", "--nonce", GPU_NONCE);
    assertThat(ok.out()).contains("PASS  gpu.chain", "PASS  gpu.fwid", "PASS  gpu.signature", "PASS  gpu.nonce")
        .containsPattern("platform +gpu")
        .containsPattern("driverVersion +570\\.124\\.06")
        .containsPattern("vbiosVersion +96\\.00\\.cf\\.00\\.01");
    CliRun wrong = verify(evidence, trust, "--allow-simulated", "--nonce", OTHER_GPU_NONCE);
    assertThat(wrong.out()).contains("FAIL  gpu.nonce");
    CliRun bundled = verify(evidence, List.of("--platform", "gpu", "--chain", chain.toString()), "--allow-simulated",
        "--nonce", GPU_NONCE);
    assertThat(bundled.out()).endsWith("NOT VERIFIED: gpu.chain\n");
  }

  @Test
  void gpu_printedVerifyCommand_verifiesAsPrinted() {
    Path out = temp.resolve("printed-gpu.bin");
    CliRun simulate = CliRun.of("attest", "simulate", "--platform", "gpu", "--nonce", GPU_NONCE, "--out",
        out.toString(), "--data", data.toString());
    assertThat(simulate.exitCode()).as(simulate.toString()).isZero();
    String line = simulate.out().lines().filter(l -> l.startsWith("verify with: castellan ")).findFirst().orElseThrow();
    List<String> printed = List.of(line.substring("verify with: castellan ".length()).split(" "));
    assertThat(printed).contains("--platform", "gpu", "--chain", out.toAbsolutePath().normalize() + ".chain.pem", "--nonce", GPU_NONCE,
        "--allow-simulated", "--data");
    CliRun run = CliRun.of(printed.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).endsWith("VERIFIED (UNPINNED: no reference value pins the measurement)\n");
  }

  @Test
  void simulate_gpuWithoutA32ByteNonceOrWithReportData_isUsageError() {
    Path out = temp.resolve("gpu.bin");
    CliRun none = CliRun.of("attest", "simulate", "--platform", "gpu", "--out", out.toString(), "--data", data.toString());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("--nonce must be exactly 32 bytes");
    CliRun shortNonce = CliRun.of("attest", "simulate", "--platform", "gpu", "--nonce", "00", "--out", out.toString(),
        "--data", data.toString());
    assertThat(shortNonce.exitCode()).isEqualTo(2);
    assertThat(shortNonce.err()).contains("never padded");
    CliRun reportData = CliRun.of("attest", "simulate", "--platform", "gpu", "--report-data", REPORT_DATA, "--out",
        out.toString(), "--data", data.toString());
    assertThat(reportData.exitCode()).isEqualTo(2);
    assertThat(reportData.err()).contains("no report data field");
    assertThat(out).doesNotExist();
  }

  @Test
  void simulate_badReportDataOrNonceForSnp_isUsageError() {
    Path out = temp.resolve("x.bin");
    CliRun shortData = CliRun.of("attest", "simulate", "--platform", "tdx", "--report-data", "00", "--out", out.toString(),
        "--data", data.toString());
    assertThat(shortData.exitCode()).isEqualTo(2);
    assertThat(shortData.err()).contains("exactly 64 bytes").contains("never padded");
    CliRun nonce = CliRun.of("attest", "simulate", "--platform", "snp", "--nonce", "00", "--out", out.toString(),
        "--data", data.toString());
    assertThat(nonce.exitCode()).isEqualTo(2);
    assertThat(nonce.err()).contains("no nonce field");
    CliRun tpm = CliRun.of("attest", "simulate", "--platform", "tpm", "--out", out.toString(), "--data", data.toString());
    assertThat(tpm.exitCode()).isEqualTo(2);
    assertThat(tpm.err()).contains("nitro, snp, tdx or gpu");
    assertThat(out).doesNotExist();
  }

  @Test
  void verify_dataDirectoryWithoutATdxRoot_namesTheMissingRoot(@TempDir Path fresh) throws Exception {
    Path evidence = simulate("tdx");
    Files.createDirectories(fresh.resolve("simulator"));
    CliRun run = verify(evidence, List.of("--data", fresh.toString()), "--allow-simulated", "--no-freshness");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("tdx/root.crt").contains("does not exist");
  }
}
