package dev.castellan.attestation.snp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.BindingException;
import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.CollateralException;
import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.VerificationRequest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Validly signed reports (by a throw-away hierarchy trusted as simulated) that break one
 * binding rule each: the signature cannot catch these, the binding checks must.
 */
class SnpForgedReportTest {
  private static final Instant NOW = Instant.now();
  private static final int[] TCB = {2, 0, 5, 68};

  private final SnpForge forge;
  private final byte[] template;
  private final byte[] chipId;

  SnpForgedReportTest() throws Exception {
    forge = new SnpForge(NOW);
    template = SnpVectors.GO_SEV_GUEST.reportBytes();
    chipId = Arrays.copyOfRange(template, 0x1A0, 0x1E0);
  }

  private AttestationResult verify(byte[] report, X509Certificate endorsement, Map<CollateralKey, byte[]> extra)
      throws Exception {
    Map<CollateralKey, byte[]> collateral = new HashMap<>(extra);
    boolean vlek = ((report[0x48] >> 2) & 7) == 1;
    collateral.put(CollateralKey.of(Platform.SEV_SNP, vlek ? "vlek" : "vcek"), endorsement.getEncoded());
    return SnpVerifier.create(forge.anchors()).verify(Evidence.of(Platform.SEV_SNP, forge.sign(report.clone())),
        VerificationRequest.at(NOW, Freshness.none()).withCollateral(CollateralSource.of(collateral)));
  }

  private static String reason(AttestationResult result, String check) {
    return result.checks().stream().filter(c -> c.name().equals(check)).map(Check::reason).findFirst().orElseThrow();
  }

  @Test
  void verify_forgedButConsistentReport_verifiesAsSimulated() throws Exception {
    AttestationResult result = verify(template, forge.endorsement(TCB, chipId, false), Map.of());
    assertThat(result.simulated()).isTrue();
    assertThat(reason(result, "snp.crl")).contains("not checked");
  }

  @Test
  void verify_reportedTcbDiffersFromVcekSpl_throwsBinding() throws Exception {
    assertThatThrownBy(() -> verify(template, forge.endorsement(new int[] {2, 0, 6, 68}, chipId, false), Map.of()))
        .isInstanceOf(BindingException.class).hasMessageContaining("snp.reported-tcb");
  }

  @Test
  void verify_chipIdDiffersFromHwId_throwsBinding() throws Exception {
    byte[] otherHwId = chipId.clone();
    otherHwId[0] ^= 1;
    assertThatThrownBy(() -> verify(template, forge.endorsement(TCB, otherHwId, false), Map.of()))
        .isInstanceOf(BindingException.class).hasMessageContaining("snp.chip-id");
    // hwID wrapped in an OCTET STRING binds the same way
    assertThat(verify(template, forge.endorsement(TCB, SnpForge.octets(chipId), false), Map.of()).simulated()).isTrue();
  }

  @Test
  void verify_maskedChipId_skipsTheHwIdComparison() throws Exception {
    byte[] masked = template.clone();
    masked[0x48] |= 0x02;
    Arrays.fill(masked, 0x1A0, 0x1E0, (byte) 0);
    AttestationResult result = verify(masked, forge.endorsement(TCB, chipId, false), Map.of());
    assertThat(reason(result, "snp.chip-id")).contains("masked");
  }

  @Test
  void verify_endorsementKindDiffersFromSigningKey_throwsBinding() throws Exception {
    // a VLEK certificate supplied for a VCEK-signed report
    assertThatThrownBy(() -> verify(template, forge.endorsement(TCB, chipId, true), Map.of()))
        .isInstanceOf(BindingException.class).hasMessageContaining("snp.signing-key");
    byte[] vlekReport = template.clone();
    vlekReport[0x48] = 0x04;
    X509Certificate vcek = forge.endorsement(TCB, chipId, false);
    assertThatThrownBy(() -> SnpVerifier.create(forge.anchors()).verify(Evidence.of(Platform.SEV_SNP, forge.sign(vlekReport)),
            VerificationRequest.at(NOW, Freshness.none()).withCollateral(CollateralSource.of(Platform.SEV_SNP, "vlek", vcek.getEncoded()))))
        .isInstanceOf(BindingException.class).hasMessageContaining("snp.signing-key");
  }

  @Test
  void verify_amdCrl_checksTheAskAndItsWindow() throws Exception {
    X509Certificate vcek = forge.endorsement(TCB, chipId, false);
    CollateralKey crlKey = new CollateralKey(Platform.SEV_SNP, "crl", "forged-ark");
    X509CRL current = forge.crl(NOW.minusSeconds(3600), NOW.plusSeconds(3600), false);
    assertThat(reason(verify(template, vcek, Map.of(crlKey, current.getEncoded())), "snp.crl")).contains("not revoked");
    String pem = "-----BEGIN X509 CRL-----\n" + Base64.getMimeEncoder().encodeToString(current.getEncoded()) + "\n-----END X509 CRL-----\n";
    assertThat(reason(verify(template, vcek, Map.of(crlKey, pem.getBytes())), "snp.crl")).contains("not revoked");

    X509CRL revoked = forge.crl(NOW.minusSeconds(3600), NOW.plusSeconds(3600), true);
    assertThatThrownBy(() -> verify(template, vcek, Map.of(crlKey, revoked.getEncoded())))
        .isInstanceOf(CertificateChainException.class).hasMessageContaining("revoked");
    X509CRL stale = forge.crl(NOW.minusSeconds(7200), NOW.minusSeconds(3600), false);
    assertThatThrownBy(() -> verify(template, vcek, Map.of(crlKey, stale.getEncoded())))
        .isInstanceOf(CollateralException.class).hasMessageContaining("not current");
    byte[] tampered = current.getEncoded();
    tampered[tampered.length - 5] ^= 1;
    assertThatThrownBy(() -> verify(template, vcek, Map.of(crlKey, tampered)))
        .isInstanceOf(CollateralException.class).hasMessageContaining("snp.crl");
  }
}
