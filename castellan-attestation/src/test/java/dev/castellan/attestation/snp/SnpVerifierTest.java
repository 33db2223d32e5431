package dev.castellan.attestation.snp;

import static dev.castellan.attestation.snp.SnpVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.BindingException;
import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.CollateralException;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.FreshnessException;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.SignatureInvalidException;
import dev.castellan.attestation.SnpClaims;
import dev.castellan.attestation.SnpClaims.SigningKey;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.internal.Pkix;
import dev.castellan.core.bytes.Hex;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnpVerifierTest {
  private final SnpVerifier verifier = SnpVerifier.create();

  private static SnpClaims claims(AttestationResult result) {
    return (SnpClaims) result.claims();
  }

  @Test
  void verify_everyVector_isValidAtItsDate() {
    Failures failures = new Failures();
    for (Vector v : ALL) {
      failures.check(v.name(), () -> {
        AttestationResult result = verifier.verify(v.evidence(), v.request());
        assertThat(result.checks()).extracting(Check::name)
            .contains("snp.format", "snp.chain", "snp.signature", "snp.reported-tcb", "snp.chip-id")
            .containsAnyOf("snp.report-data", "snp.freshness");
        assertThat(result.simulated()).isFalse();
      });
    }
    failures.assertNone(ALL.length);
  }

  @Test
  void verify_goSevGuest_hasDocumentedClaims() throws Exception {
    SnpClaims c = claims(verifier.verify(GO_SEV_GUEST.evidence(), GO_SEV_GUEST.request()));
    assertThat(c.version()).isEqualTo(2);
    assertThat(c.policy().value()).isEqualTo(0xB0000L);
    assertThat(c.debug()).isTrue();
    assertThat(c.vmpl()).isZero();
    assertThat(c.measurement().hex()).isEqualTo(
        "b07af9620f3b839b47996422ddec6058338951d984e312115131ea82705eaf5b6bdf8a9ece31a5a608eb0cf2e4872b01");
    assertThat(c.reportData().hex()).isEqualTo("0102030405" + "00".repeat(59));
    assertThat(c.reportedTcb().raw()).isEqualTo(0x4405000000000002L);
    assertThat(List.of(c.reportedTcb().bootloader(), c.reportedTcb().tee(), c.reportedTcb().snp(), c.reportedTcb().microcode()))
        .containsExactly(2, 0, 5, 68);
    assertThat(c.currentTcb()).isEqualTo(c.reportedTcb());
    assertThat(c.committedTcb()).isEqualTo(c.reportedTcb());
    assertThat(c.launchTcb()).isEqualTo(c.reportedTcb());
    assertThat(c.currentFirmware()).isEqualTo(new SnpClaims.Firmware(1, 49, 3));
    assertThat(c.chipId().hex()).startsWith("3ac3fe21").endsWith("8b006b5d");
    assertThat(c.cpuid()).isEmpty();
    assertThat(c.productName()).isEqualTo("Milan-B0");
    assertThat(c.idKeyDigest().isAllZero()).isTrue();
  }

  @Test
  void verify_virteeAndTrustee_haveDocumentedClaims() throws Exception {
    SnpClaims v = claims(verifier.verify(VIRTEE_MILAN.evidence(), VIRTEE_MILAN.request()));
    assertThat(v.policy().value()).isEqualTo(0x30000L);
    assertThat(v.debug()).isFalse();
    assertThat(v.measurement().hex()).isEqualTo(
        "7a1e5c266c0108dbc9bb94fa926951320940915d0aafb42464bd88b579ea158d3e1a0dc39b2c60bd95b9c480cd81841f");
    assertThat(v.reportData().hex()).startsWith("d447b55d").endsWith("6a93ebfd");
    assertThat(v.currentFirmware()).isEqualTo(new SnpClaims.Firmware(1, 52, 4));
    assertThat(v.reportedTcb().microcode()).isEqualTo(115);

    SnpClaims t = claims(verifier.verify(TRUSTEE.evidence(), TRUSTEE.request()));
    assertThat(t.guestSvn()).isEqualTo(4);
    assertThat(t.policy().value()).isEqualTo(0x3001FL);
    assertThat(t.familyId().hex()).startsWith("01");
    assertThat(t.imageId().hex()).startsWith("02");
    assertThat(t.idKeyDigest().hex()).isEqualTo(
        "0356215882a825279a85b300b0b742931d113bf7e32dde2e50ffde7ec743ca491ecdd7f336dc28a6e0b2bb57af7a44a3");
    assertThat(t.measurement().hex()).isEqualTo(
        "a1f3930413247bb38cfc171579ea3c12d5fe4901f0c792f63fd75d98f1ef827c23500644e0e692e6be917f9050d3d38c");
    assertThat(t.reportData().hex()).startsWith("ec6c52d7").endsWith("00".repeat(32));
    assertThat(t.reportedTcb().microcode()).isEqualTo(115);
    assertThat(t.currentTcb().microcode()).isEqualTo(206);
  }

  @Test
  void verify_vlekAndGenoa_haveDocumentedClaims() throws Exception {
    SnpClaims l = claims(verifier.verify(TRUSTEE_VLEK.evidence(), TRUSTEE_VLEK.request()));
    assertThat(l.version()).isEqualTo(3);
    assertThat(l.signingKey()).isEqualTo(SigningKey.VLEK);
    assertThat(l.vmpl()).isEqualTo(1);
    assertThat(l.chipId().isAllZero()).isTrue();
    assertThat(l.cpuid()).contains(new SnpClaims.Cpuid(0x19, 0x01, 1));
    assertThat(l.reportData().hex()).isEqualTo(
        "819770b7e6ea6df8dd8fd4dd146b073c0bf4f3ce5b0977ecac486e3a05ed1bd54e2a7ac1f5d1ca02e7d7d5ef9f73b8574fd9359e3a480d741a4478e8a7bc27ca");
    assertThat(l.measurement().hex()).isEqualTo(
        "8922ebbdd00ec2c541f36a6e7a82a8773a7accb451ed67bc94e740dbe92c93c4e8c9af857f5ceeb5a493df2a570d7bf0");
    assertThat(List.of(l.reportedTcb().bootloader(), l.reportedTcb().snp(), l.reportedTcb().microcode()))
        .containsExactly(4, 24, 217);
    assertThat(l.committedTcb().microcode()).isEqualTo(219);
    assertThat(l.currentTcb().microcode()).isEqualTo(220);
    assertThat(l.currentFirmware()).isEqualTo(new SnpClaims.Firmware(1, 55, 29));

    SnpClaims g = claims(verifier.verify(TRUSTEE_E2E_GENOA.evidence(), TRUSTEE_E2E_GENOA.request()));
    assertThat(g.measurement().hex()).isEqualTo(
        "6a6519d757e68c2e939c9dbbbc1828498e8de35d2766dd05f1a2cca5059d0cf4ae62a36d75c837974dd50b315506e73e");
    assertThat(g.platformInfo()).isEqualTo(0x25L);
    assertThat(g.currentFirmware()).isEqualTo(new SnpClaims.Firmware(1, 55, 40));
    assertThat(g.cpuid().orElseThrow().family()).isEqualTo(0x19);
    assertThat(List.of(g.reportedTcb().bootloader(), g.reportedTcb().snp(), g.reportedTcb().microcode()))
        .containsExactly(10, 23, 25);
  }

  @Test
  void verify_expectedReportData_matchesExactly() throws Exception {
    byte[] expected = Hex.decode("0102030405" + "00".repeat(59));
    assertThat(verifier.verify(GO_SEV_GUEST.evidence(), GO_SEV_GUEST.request(Freshness.reportData(expected))).checks())
        .contains(Check.pass("snp.report-data", "REPORT_DATA equals the expected value"));
  }

  @Test
  void verify_wrongReportData_throwsFreshness() throws Exception {
    byte[] wrong = Hex.decode("0102030406" + "00".repeat(59));
    assertThatThrownBy(() -> verifier.verify(GO_SEV_GUEST.evidence(), GO_SEV_GUEST.request(Freshness.reportData(wrong))))
        .isInstanceOf(FreshnessException.class).hasMessageContaining("snp.report-data");
    assertThatThrownBy(() -> verifier.verify(GO_SEV_GUEST.evidence(),
            GO_SEV_GUEST.request(Freshness.reportData(Hex.decode("0102030405")))))
        .isInstanceOf(FreshnessException.class).hasMessageContaining("wrong length");
    assertThatThrownBy(() -> verifier.verify(GO_SEV_GUEST.evidence(), GO_SEV_GUEST.request(Freshness.nonce(new byte[8]))))
        .isInstanceOf(FreshnessException.class);
  }

  @Test
  void verify_flippedSignedRegionByte_throwsSignatureInvalid() throws Exception {
    for (int offset : new int[] {0x50, 42, 0x90, 0x1A0}) {
      byte[] report = GO_SEV_GUEST.reportBytes();
      report[offset] ^= 0x01;
      assertThatThrownBy(() -> verifier.verify(Evidence.of(Platform.SEV_SNP, report), GO_SEV_GUEST.request()))
          .as("offset %d", offset)
          .isInstanceOf(SignatureInvalidException.class);
    }
    byte[] virtee = VIRTEE_MILAN.reportBytes();
    virtee[21] ^= (byte) 0x80;
    assertThatThrownBy(() -> verifier.verify(Evidence.of(Platform.SEV_SNP, virtee), VIRTEE_MILAN.request()))
        .isInstanceOf(SignatureInvalidException.class);
  }

  @Test
  void verify_trusteeMutations_fail() throws Exception {
    byte[] report = TRUSTEE.reportBytes();
    report[42] += 1;
    assertThatThrownBy(() -> verifier.verify(Evidence.of(Platform.SEV_SNP, report), TRUSTEE.request()))
        .isInstanceOf(SignatureInvalidException.class);
    byte[] tcb = TRUSTEE.reportBytes();
    tcb[384] += 1; // REPORTED_TCB: covered by the signature, so the signature fails first
    assertThatThrownBy(() -> verifier.verify(Evidence.of(Platform.SEV_SNP, tcb), TRUSTEE.request()))
        .isInstanceOf(SignatureInvalidException.class);
  }

  @Test
  void verify_flippedSignatureR_throwsSignatureInvalid() throws Exception {
    byte[] report = GO_SEV_GUEST.reportBytes();
    report[0x2A0] ^= 0x01;
    assertThatThrownBy(() -> verifier.verify(Evidence.of(Platform.SEV_SNP, report), GO_SEV_GUEST.request()))
        .isInstanceOf(SignatureInvalidException.class).hasMessageContaining("snp.signature");
  }

  @Test
  void verify_nonZeroSignaturePadding_throwsMalformed() throws Exception {
    for (int offset : new int[] {0x2D0, 0x2E7, 0x318, 0x32F, 0x330, 0x49F}) {
      byte[] report = GO_SEV_GUEST.reportBytes();
      report[offset] = 1;
      assertThatThrownBy(() -> verifier.verify(Evidence.of(Platform.SEV_SNP, report), GO_SEV_GUEST.request()))
          .as("offset 0x%X", offset)
          .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("snp.format");
    }
  }

  @Test
  void verify_wrongSizeOrVersion_throwsMalformed() throws Exception {
    byte[] report = GO_SEV_GUEST.reportBytes();
    assertThatThrownBy(() -> verifier.verify(Evidence.of(Platform.SEV_SNP, java.util.Arrays.copyOf(report, 1183)), GO_SEV_GUEST.request()))
        .isInstanceOf(MalformedEvidenceException.class);
    report[0] = 6;
    assertThatThrownBy(() -> verifier.verify(Evidence.of(Platform.SEV_SNP, report), GO_SEV_GUEST.request()))
        .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("version");
  }

  @Test
  void verify_goSevGuestVcekAgainstGenoaOrVlekChain_throwsChain() throws Exception {
    TrustAnchors bundled = TrustAnchors.bundled();
    TrustAnchors genoaOnly = TrustAnchors.of(
        bundled.byName("amd-ark-genoa").orElseThrow(), bundled.byName("amd-ask-genoa").orElseThrow());
    assertThatThrownBy(() -> SnpVerifier.create(genoaOnly).verify(GO_SEV_GUEST.evidence(), GO_SEV_GUEST.request()))
        .isInstanceOf(CertificateChainException.class);
    var vcek = Pkix.parseDer(GO_SEV_GUEST.endorsementBytes(), "t");
    var vlekChain = Pkix.parsePem(Vectors.text(DIR + "amd-roots/ask_ark_milan_vlek.pem"), "t");
    assertThatThrownBy(() -> verifier.verifyReport(GO_SEV_GUEST.reportBytes(),
            List.of(vcek, vlekChain.get(0), vlekChain.get(1)), GO_SEV_GUEST.request()))
        .isInstanceOf(CertificateChainException.class);
  }

  @Test
  void verify_virteeVcekForGoSevGuestReport_failsSignatureAndHwId() throws Exception {
    var wrong = Pkix.parseDer(VIRTEE_MILAN.endorsementBytes(), "t");
    assertThatThrownBy(() -> verifier.verifyReport(GO_SEV_GUEST.reportBytes(), List.of(wrong),
            GO_SEV_GUEST.request().withTime(Instant.parse("2024-01-01T00:00:00Z"))))
        .isInstanceOf(SignatureInvalidException.class);
    assertThat(EndorsementExtensions.read(wrong).hwId().orElseThrow())
        .isNotEqualTo(SnpReport.parse(GO_SEV_GUEST.reportBytes()).chipId());
  }

  @Test
  void checkReportedTcb_mismatchingCertificate_throwsBinding() throws Exception {
    // A signed report cannot carry a mismatch (the signature covers REPORTED_TCB), so the
    // binding check is exercised directly: go-sev-guest's TCB 2/0/5/68 against virtee's 3/0/8/115.
    var virteeExt = EndorsementExtensions.read(Pkix.parseDer(VIRTEE_MILAN.endorsementBytes(), "t"));
    SnpReport report = SnpReport.parse(GO_SEV_GUEST.reportBytes());
    assertThatThrownBy(() -> SnpVerifier.checkReportedTcb(report, virteeExt))
        .isInstanceOf(BindingException.class)
        .hasMessageContaining("snp.reported-tcb")
        .hasMessageContaining("expected bl3 tee0 snp8 ucode115, got bl2 tee0 snp5 ucode68");
    assertThatThrownBy(() -> SnpVerifier.checkChipId(report, virteeExt))
        .isInstanceOf(BindingException.class).hasMessageContaining("snp.chip-id");
  }

  @Test
  void verify_invalidTrusteeVceks_throwChainButParseHwId() throws Exception {
    for (String name : List.of("trustee_test-vcek-invalid-legacy.der", "trustee_test-vcek-invalid-new.der")) {
      var cert = Pkix.parseDer(Vectors.bytes(DIR + name), "t");
      assertThatThrownBy(() -> verifier.verifyReport(TRUSTEE.reportBytes(), List.of(cert), TRUSTEE.request()))
          .as(name).isInstanceOf(CertificateChainException.class);
    }
    var legacy = EndorsementExtensions.read(Pkix.parseDer(Vectors.bytes(DIR + "trustee_test-vcek-invalid-legacy.der"), "t"));
    var wrapped = EndorsementExtensions.read(Pkix.parseDer(Vectors.bytes(DIR + "trustee_test-vcek-invalid-new.der"), "t"));
    assertThat(legacy.hwId()).isPresent();
    assertThat(wrapped.hwId()).isEqualTo(legacy.hwId());
  }

  @Test
  void verify_vlekAfterExpiry_throwsChain() throws Exception {
    VerificationRequest now = TRUSTEE_VLEK.request().withTime(Instant.parse("2026-06-01T00:00:00Z"));
    assertThatThrownBy(() -> verifier.verify(TRUSTEE_VLEK.evidence(), now))
        .isInstanceOf(CertificateChainException.class).hasMessageContaining("expired");
    assertThatThrownBy(() -> SnpVerifier.createUncached(TrustAnchors.bundled()).verify(TRUSTEE_VLEK.evidence(), now))
        .isInstanceOf(CertificateChainException.class);
  }

  @Test
  void verify_vcekTamperedAtByte40_throwsChain() throws Exception {
    byte[] vcek = VIRTEE_MILAN.endorsementBytes();
    vcek[40] ^= (byte) 0xff;
    assertThatThrownBy(() -> verifier.verify(VIRTEE_MILAN.evidence(), VIRTEE_MILAN.request().withCollateral(
            dev.castellan.attestation.CollateralSource.of(Platform.SEV_SNP, "vcek", vcek))))
        .isInstanceOf(dev.castellan.attestation.AttestationException.class)
        .isNotInstanceOf(SignatureInvalidException.class);
  }

  @Test
  void verify_missingCollateral_throwsCollateral() throws Exception {
    assertThatThrownBy(() -> verifier.verify(GO_SEV_GUEST.evidence(), VerificationRequest.at(GO_SEV_GUEST.at(), Freshness.none())))
        .isInstanceOf(CollateralException.class).hasMessageContaining("VCEK");
  }

  @Test
  void validateChain_turinVcek_chainsToArkTurin() throws Exception {
    var turin = Pkix.parseDer(Vectors.bytes(DIR + "virtee-sev_vcek_turin.der"), "t");
    var ask = TrustAnchors.bundled().byName("amd-ask-turin").orElseThrow().certificate();
    var root = Pkix.validate(List.of(turin, ask), TrustAnchors.bundled(), Platform.SEV_SNP,
        turin.getNotBefore().toInstant().plusSeconds(3600), List.of(), "t");
    assertThat(root.name()).isEqualTo("amd-ark-turin");
    assertThat(EndorsementExtensions.read(turin).productName()).startsWith("Turin");
  }
}
