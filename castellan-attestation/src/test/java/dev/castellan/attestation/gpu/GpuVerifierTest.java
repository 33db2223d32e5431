package dev.castellan.attestation.gpu;

import static dev.castellan.attestation.gpu.GpuVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.BindingException;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.EvidenceFormat;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.FreshnessException;
import dev.castellan.attestation.GpuClaims;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.SignatureInvalidException;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GpuVerifierTest {
  @org.junit.jupiter.api.BeforeEach
  void vectors() {
    requireVectors();
  }

  @Test
  void verify_report1WithChainCase1AndItsNonce_passesEveryCheck() throws Exception {
    AttestationResult result = verify(report(REPORT_1), CHAIN_1, Hex.decode(NONCE_1));
    assertThat(result.platform()).isEqualTo(Platform.GPU);
    assertThat(result.checks()).extracting(Check::name)
        .containsExactly("gpu.report", "gpu.chain", "gpu.fwid", "gpu.signature", "gpu.nonce");
    assertThat(result.checks()).allMatch(Check::passed);
    GpuClaims claims = (GpuClaims) result.claims();
    assertThat(claims.simulated()).isFalse();
    assertThat(claims.trailingBytes()).isZero();
    assertThat(claims.measurements()).hasSize(64);
  }

  @Test
  void verify_report2WithItsChainAndTheFirst32BytesOfItsReportData_passes() throws Exception {
    AttestationResult result = verify(report(REPORT_2), CHAIN_2, nonce2());
    GpuClaims claims = (GpuClaims) result.claims();
    assertThat(claims.opaque().driverVersion()).isEqualTo("580.95.05");
    assertThat(claims.opaque().vbiosVersion()).isEqualTo("96.00.74.00.1a");
    assertThat(claims.opaque().opaqueDataVersion()).hasValue(1);
    assertThat(claims.opaque().featureFlagName()).hasValue("SPT");
    assertThat(claims.opaque().fwid().orElseThrow().hex()).startsWith("f1ae7d00").endsWith("1f7b2d");
    assertThat(claims.trailingBytes()).isEqualTo(1);
    assertThat(claims.measurements()).hasSize(64);
  }

  @Test
  void verify_report2WithAll48BytesOfItsReportData_failsTheNonceForItsLength() {
    // Trustee truncates report data to 32 bytes; Castellan never truncates.
    assertThatThrownBy(() -> verify(report(REPORT_2), CHAIN_2, Hex.decode(REPORT_DATA_2)))
        .isInstanceOf(FreshnessException.class)
        .satisfies(e -> assertThat(((AttestationException) e).check()).isEqualTo("gpu.nonce"))
        .hasMessageContaining("wrong length");
  }

  @Test
  void verify_wrongNonce_failsTheNonceCheck() {
    byte[] wrong = Hex.decode(NONCE_1);
    wrong[31] ^= 1;
    assertThatThrownBy(() -> verify(report(REPORT_1), CHAIN_1, wrong))
        .isInstanceOf(FreshnessException.class)
        .satisfies(e -> assertThat(((AttestationException) e).check()).isEqualTo("gpu.nonce"))
        .hasMessageContaining(NONCE_1.substring(0, 62));
  }

  @Test
  void verify_responderNonceGivenAsExpected_fails() throws Exception {
    byte[] report = report(REPORT_1);
    GpuReport parsed = GpuReport.parse(report);
    assertThatThrownBy(() -> verify(report, CHAIN_1, parsed.responderNonce().toByteArray()))
        .isInstanceOf(FreshnessException.class);
  }

  @Test
  void verify_noFreshness_isRecordedAsSkipped() throws Exception {
    AttestationResult result = GpuVerifier.create(anchors())
        .verify(GpuEvidence.of(report(REPORT_1), chain(CHAIN_1)), VerificationRequest.at(TIME, Freshness.none()));
    assertThat(result.checks().getLast()).isEqualTo(Check.skip("gpu.freshness",
        "freshness not requested (Freshness.none()); nonce not compared"));
  }

  @Test
  void verify_chainCase2RootOnly_failsNeedingAtLeastTheSigningCertificate() {
    assertThatThrownBy(() -> verify(report(REPORT_1), DIR + "hopper_cert_chain_case2.txt", Hex.decode(NONCE_1)))
        .isInstanceOf(CertificateChainException.class)
        .satisfies(e -> assertThat(((AttestationException) e).check()).isEqualTo("gpu.chain"))
        .hasMessageContaining("must have at least the signing certificate and the root CA");
  }

  @Test
  void verify_chainCase3WithoutTheProvisionerIca_failsToVerifyThePath() {
    assertThatThrownBy(() -> verify(report(REPORT_1), DIR + "hopper_cert_chain_case3.txt", Hex.decode(NONCE_1)))
        .isInstanceOf(CertificateChainException.class)
        .satisfies(e -> assertThat(((AttestationException) e).check()).isEqualTo("gpu.chain"))
        .hasMessageContaining("report certificate chain failed to verify")
        .hasMessageContaining("certificate 1 (")
        .hasMessageContaining("is not issued by certificate 2");
  }

  @Test
  void verify_chainCase4WithoutTheLeaf_failsForTheMissingFwidExtension() {
    assertThatThrownBy(() -> verify(report(REPORT_1), DIR + "hopper_cert_chain_case4.txt", Hex.decode(NONCE_1)))
        .isInstanceOf(BindingException.class)
        .satisfies(e -> assertThat(((AttestationException) e).check()).isEqualTo("gpu.fwid"))
        .hasMessageContaining("FWID extension (OID 2.23.133.5.4.1) not found in the NVIDIA signing certificate");
  }

  @Test
  void verify_theOtherReportsChain_failsTheFwidBinding() {
    assertThatThrownBy(() -> verify(report(REPORT_1), CHAIN_2, Hex.decode(NONCE_1)))
        .isInstanceOf(BindingException.class)
        .satisfies(e -> assertThat(((AttestationException) e).check()).isEqualTo("gpu.fwid"))
        .hasMessageContaining("differs");
  }

  @Test
  void verify_aChainEndingInAnUnpinnedRoot_fails() throws Exception {
    byte[] report = report(REPORT_1);
    var chain = chain(CHAIN_1);
    // The bundled set pins the same root, so only an empty GPU set can refuse it.
    assertThatThrownBy(() -> GpuVerifier.create(TrustAnchors.of()).verify(GpuEvidence.of(report, chain),
        request(Hex.decode(NONCE_1))))
        .isInstanceOf(CertificateChainException.class)
        .hasMessageContaining("not the pinned NVIDIA root");
  }

  @Test
  void verify_beforeTheChainIsValid_fails() {
    assertThatThrownBy(() -> GpuVerifier.create(anchors()).verify(GpuEvidence.of(report(REPORT_1), chain(CHAIN_1)),
        VerificationRequest.at(Instant.parse("2021-01-01T00:00:00Z"), Freshness.nonce(Hex.decode(NONCE_1)))))
        .isInstanceOf(CertificateChainException.class)
        .hasMessageContaining("is not valid at 2021-01-01");
  }

  @Test
  void verify_signatureOverAnotherReport_failsTheSignature() throws Exception {
    // Report 1's request and response signed part, with report 2's signature.
    byte[] one = report(REPORT_1);
    byte[] two = report(REPORT_2);
    System.arraycopy(two, 4033, one, 4021, 96);
    assertThatThrownBy(() -> verify(one, CHAIN_1, Hex.decode(NONCE_1)))
        .isInstanceOf(SignatureInvalidException.class)
        .satisfies(e -> assertThat(((AttestationException) e).check()).isEqualTo("gpu.signature"));
  }

  @Test
  void verify_throughTheVerifierInterfaceWithTheChainAsCollateral_passes() throws Exception {
    byte[] report = report(REPORT_1);
    Evidence evidence = Evidence.detect(report);
    assertThat(evidence.platform()).isEqualTo(Platform.GPU);
    VerificationRequest request = request(Hex.decode(NONCE_1)).withCollateral(
        CollateralSource.of(Map.of(GpuVerifier.CHAIN, chainText(CHAIN_1).getBytes(StandardCharsets.US_ASCII))));
    assertThat(GpuVerifier.create(anchors()).verify(evidence, request).checks()).allMatch(c -> !c.failed());
    assertThatThrownBy(() -> GpuVerifier.create(anchors()).verify(evidence, request(Hex.decode(NONCE_1))))
        .isInstanceOf(CertificateChainException.class).hasMessageContaining("no certificate chain");
  }

  @Test
  void verify_hexTextOfTheReport_decodesToTheSameEvidence() throws Exception {
    byte[] text = chainTextBytes(REPORT_1);
    assertThat(EvidenceFormat.decodeText(text)).isEqualTo(report(REPORT_1));
  }

  @Test
  void bundledVerifier_trustsTheVectorsRoot() throws Exception {
    AttestationResult result = GpuVerifier.create()
        .verify(GpuEvidence.of(report(REPORT_1), chain(CHAIN_1)), request(Hex.decode(NONCE_1)));
    assertThat(result.checks().get(1).reason()).contains("nvidia-device-identity-ca");
  }

  @Test
  void digest_isSha256OfTheReportThenEachCertificateDer() throws Exception {
    byte[] report = report(REPORT_2);
    var chain = chain(CHAIN_2);
    ByteArrayOutputStream concatenation = new ByteArrayOutputStream();
    concatenation.write(report);
    for (X509Certificate certificate : chain) {
      concatenation.write(certificate.getEncoded());
    }
    ByteString expected = ByteString.of(HashAlgorithm.SHA_256.hash(concatenation.toByteArray()));
    GpuEvidence evidence = GpuEvidence.of(report, chain);
    assertThat(evidence.digest()).isEqualTo(expected);
    GpuClaims claims = (GpuClaims) verify(report, CHAIN_2, nonce2()).claims();
    assertThat(claims.evidenceDigest()).isEqualTo(expected);
  }

  @Test
  void parse_report1_hasTheReadmeLayout() throws Exception {
    GpuReport parsed = GpuReport.parse(report(REPORT_1));
    assertThat(parsed.signedLength()).isEqualTo(4021);
    assertThat(parsed.request().nonce().hex()).isEqualTo(NONCE_1);
    assertThat(parsed.request().slotId()).isZero();
    assertThat(parsed.measurements()).allSatisfy(b -> assertThat(b.valueType()).isEqualTo(1));
    assertThat(parsed.measurements().getFirst().index()).isEqualTo(1);
    assertThat(parsed.measurements().getLast().index()).isEqualTo(64);
    assertThat(GpuReport.parse(report(REPORT_2)).signedLength()).isEqualTo(4033);
  }

  @Test
  void parse_aNonZeroTrailingByte_isMalformed() {
    byte[] report = report(REPORT_2);
    report[report.length - 1] = 1;
    assertThatThrownBy(() -> GpuReport.parse(report)).isInstanceOf(MalformedEvidenceException.class)
        .hasMessageContaining("non-zero bytes follow the signature");
  }

  private static byte[] chainTextBytes(String file) {
    return dev.castellan.testkit.Vectors.bytes(file);
  }
}
