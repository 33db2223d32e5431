package dev.castellan.cli.attest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.testkit.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The reference-value flags of {@code attest verify} ({@code --measurement}, {@code --pcr}, ...) on real evidence. */
class ReferenceFlagsTest {
  private static final String NITRO = "attestation/nitro/veracruz_aws_nitro_document.cbor";
  private static final String NITRO_AT = "2022-11-09T22:52:30Z";
  private static final String NITRO_PCR0 =
      "22f9e1c949208da55eb01b9b9fc88f87454f77ba133f0d82320b509621c92482152a99d0a12335b97178c02d6f977d01";
  private static final String TDX = "attestation/tdx/trustee_tdx_quote_4.dat";
  private static final String SNP = "attestation/sev-snp/go-sev-guest_attestation.bin";
  private static final String WRONG48 = "ab".repeat(48);

  @TempDir Path temp;

  private static CliRun nitro(String... flags) {
    List<String> args = new ArrayList<>(List.of("attest", "verify", Vectors.path(NITRO).toString(),
        "--at", NITRO_AT, "--no-freshness"));
    args.addAll(List.of(flags));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static CliRun tdx(String... flags) {
    List<String> args = new ArrayList<>(List.of("attest", "verify", Vectors.path(TDX).toString(),
        "--at", "2023-07-01", "--no-freshness", "--allow-debug"));
    args.addAll(List.of(flags));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static JsonNode claims(CliRun run) throws Exception {
    return new ObjectMapper().readTree(run.out()).get("claims");
  }

  @Test
  void measurement_pinsNitroPcr0_passingAndFailing() {
    CliRun ok = nitro("--measurement", NITRO_PCR0);
    assertThat(ok.exitCode()).as(ok.toString()).isZero();
    assertThat(ok.out()).contains("PASS  policy.nitro.measurement").endsWith("VERIFIED\n");
    CliRun wrong = nitro("--measurement", WRONG48);
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.out()).contains("FAIL  policy.nitro.measurement");
  }

  @Test
  void pcr_pinsOtherNitroPcrs_andAMismatchFailsThatPcr() throws Exception {
    String pcr1 = claims(nitro("--measurement", NITRO_PCR0, "--json")).get("pcr1").asString();
    assertThat(nitro("--measurement", NITRO_PCR0, "--pcr", "1=" + pcr1).exitCode()).isZero();
    CliRun wrong = nitro("--measurement", NITRO_PCR0, "--pcr", "1=" + WRONG48);
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.out()).contains("FAIL  policy.nitro.pcr.1").endsWith("NOT VERIFIED: policy.nitro.pcr.1\n");
  }

  @Test
  void maxAge_isMeasuredAgainstAt() {
    assertThat(nitro("--measurement", NITRO_PCR0, "--max-age", "5m").exitCode()).isZero();
    CliRun later = CliRun.of("attest", "verify", Vectors.path(NITRO).toString(), "--at", "2022-11-09T23:30:00Z",
        "--no-freshness", "--measurement", NITRO_PCR0, "--max-age", "90s");
    assertThat(later.out()).contains("FAIL  policy.nitro.max-age");
  }

  @Test
  void mrtdAndRtmr_pinTdx_andAnRtmrMismatchFails() throws Exception {
    JsonNode claims = claims(tdx("--any-measurement", "--json"));
    String mrtd = claims.get("mrTd").asString();
    String rtmr0 = claims.get("rtmr0").asString();
    CliRun ok = tdx("--mrtd", mrtd, "--rtmr", "0=" + rtmr0);
    assertThat(ok.out()).contains("PASS  policy.tdx.measurement", "PASS  policy.tdx.rtmr.0");
    CliRun wrong = tdx("--mrtd", mrtd, "--rtmr", "0=" + WRONG48);
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.out()).contains("FAIL  policy.tdx.rtmr.0");
    assertThat(tdx("--mrtd", WRONG48).out()).contains("FAIL  policy.tdx.measurement");
  }

  @Test
  void acceptTcbStatus_widensTheAcceptedStatuses() throws Exception {
    // Without collateral the TCB is not evaluated: the default refuses that status, the flag can accept it.
    CliRun strict = tdx("--any-measurement");
    assertThat(strict.out()).contains("FAIL  policy.tdx.tcb-status");
    CliRun widened = tdx("--any-measurement", "--accept-tcb-status", "NOT_EVALUATED");
    assertThat(widened.out()).contains("PASS  policy.tdx.tcb-status");
  }

  @Test
  void minTcb_aboveTheReportedTcb_fails() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("collateral"));
    Files.write(dir.resolve("vcek"), Vectors.bytes("attestation/sev-snp/go-sev-guest_vcek.testcer"));
    List<String> base = List.of("attest", "verify", Vectors.path(SNP).toString(), "--collateral", dir.toString(),
        "--at", "2024-01-01", "--no-freshness", "--allow-debug", "--any-measurement");
    List<String> low = new ArrayList<>(base);
    low.addAll(List.of("--min-tcb", "bl=0,tee=0,snp=0,ucode=0"));
    assertThat(CliRun.of(low.toArray(String[]::new)).out()).contains("PASS  policy.snp.minimum-tcb");
    List<String> high = new ArrayList<>(base);
    high.addAll(List.of("--min-tcb", "snp=255"));
    CliRun run = CliRun.of(high.toArray(String[]::new));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL  policy.snp.minimum-tcb");
  }

  @Test
  void badFlagValues_areUsageErrors() {
    for (String[] flags : List.of(new String[] {"--pcr", "x=00"}, new String[] {"--pcr", "1=abcd"},
        new String[] {"--rtmr", "4=" + WRONG48}, new String[] {"--min-tcb", "bl=1,bl=2"},
        new String[] {"--max-age", "soon"}, new String[] {"--accept-tcb-status", "Fine"},
        new String[] {"--measurement", "abcd"})) {
      CliRun run = nitro(flags);
      assertThat(run.exitCode()).as(String.join(" ", flags) + "\n" + run).isEqualTo(2);
      assertThat(run.err().lines().count()).as(run.toString()).isEqualTo(2);
    }
  }
}
