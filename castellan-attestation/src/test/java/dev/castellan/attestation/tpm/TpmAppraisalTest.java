package dev.castellan.attestation.tpm;

import static dev.castellan.attestation.tpm.TpmVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.BindingException;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TpmClaims;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.policy.TestPolicies;
import dev.castellan.attestation.policy.TpmReference;
import dev.castellan.attestation.policy.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TPM reference values per bank and the AK trust rules, on the real vectors. */
class TpmAppraisalTest {
  private static final Instant NOW = Instant.parse("2026-02-03T00:00:00Z");
  private static final byte[] GCE_NONCE_VALUE = {(byte) 0x90, 0x09};
  private static final int SHA1 = 0x0004;
  private static final int SHA384 = 0x000c;
  private static final TpmVerifier VERIFIER = TpmVerifier.create(TrustAnchors.bundled());

  private static AttestationResult gceResult() throws Exception {
    return VERIFIER.verify(evidence(gce(GCE_NONCE)), VerificationRequest.at(NOW, Freshness.nonce(GCE_NONCE_VALUE)));
  }

  private static ByteString pcr(AttestationResult result, int bank, int index) {
    return ((TpmClaims) result.claims()).pcrs().get(bank).get(index);
  }

  private static ByteString flipped(ByteString value) {
    byte[] bytes = value.toByteArray();
    bytes[bytes.length - 1] ^= 1;
    return ByteString.of(bytes);
  }

  private static List<String> failures(Verdict verdict) {
    return verdict.failures().stream().map(Check::name).toList();
  }

  @Test
  void sha1Pcr_matchingPasses_mismatchFailsNamingBankAndIndex() throws Exception {
    AttestationResult result = gceResult();
    ByteString pcr0 = pcr(result, SHA1, 0);
    assertThat(pcr0.length()).isEqualTo(20);
    TpmReference good = TpmReference.any().withPcr("sha1", 0, List.of(pcr0));
    Verdict accepted = Appraisal.appraise(AppraisalPolicy.defaults().withTpm(good), result);
    assertThat(accepted.accepted()).as(accepted.failures().toString()).isTrue();
    assertThat(accepted.checks()).extracting(Check::name).contains("policy.tpm.measurement", "policy.tpm.pcr.sha1.0");
    Verdict rejected = Appraisal.appraise(AppraisalPolicy.defaults()
        .withTpm(TpmReference.any().withPcr("sha1", 0, List.of(flipped(pcr0)))), result);
    assertThat(failures(rejected)).containsExactly("policy.tpm.measurement", "policy.tpm.pcr.sha1.0");
  }

  @Test
  void sha384Pcr_matchingPasses_mismatchFailsNamingBankAndIndex() throws Exception {
    AttestationResult result = gceResult();
    ByteString pcr7 = pcr(result, SHA384, 7);
    assertThat(pcr7.length()).isEqualTo(48);
    assertThat(Appraisal.appraise(AppraisalPolicy.defaults()
        .withTpm(TpmReference.any().withPcr("sha384", 7, List.of(pcr7))), result).accepted()).isTrue();
    Verdict rejected = Appraisal.appraise(AppraisalPolicy.defaults()
        .withTpm(TpmReference.any().withPcr("sha384", 7, List.of(flipped(pcr7)))), result);
    assertThat(failures(rejected)).containsExactly("policy.tpm.measurement", "policy.tpm.pcr.sha384.7");
  }

  @Test
  void pinsInSeveralBanks_oneMismatch_failsOnlyThatOne() throws Exception {
    AttestationResult result = gceResult();
    TpmReference reference = TpmReference.any()
        .withPcr("sha1", 0, List.of(pcr(result, SHA1, 0)))
        .withPcr("sha256", 0, List.of(pcr(result, 0x000b, 0)))
        .withPcr("sha384", 4, List.of(flipped(pcr(result, SHA384, 4))));
    assertThat(failures(Appraisal.appraise(AppraisalPolicy.defaults().withTpm(reference), result)))
        .containsExactly("policy.tpm.measurement", "policy.tpm.pcr.sha384.4");
  }

  @Test
  void pinnedPcrOrBankNotQuoted_fails() throws Exception {
    AttestationResult trustee = VERIFIER.verify(evidence(trustee()), VerificationRequest.at(NOW, Freshness.none()));
    TpmReference sha384 = TpmReference.any().withPcr("sha384", 0, List.of(ByteString.of(new byte[48])));
    Verdict verdict = Appraisal.appraise(TestPolicies.rulesOnly().withAcceptSkipped("tpm.ak-certificate").withTpm(sha384),
        trustee);
    assertThat(failures(verdict)).containsExactly("policy.tpm.measurement", "policy.tpm.pcr.sha384.0");
    assertThat(verdict.failures().getLast().reason()).contains("absent");
  }

  @Test
  void noPcrPinned_measurementSkipIsRefusedByDefault() throws Exception {
    Verdict verdict = Appraisal.appraise(AppraisalPolicy.defaults(), gceResult());
    assertThat(failures(verdict)).containsExactly("policy.tpm.measurement");
    assertThat(verdict.checks()).filteredOn(c -> c.name().equals("policy.tpm.unpinned")).singleElement()
        .satisfies(c -> assertThat(c.reason()).contains("SHA-1 PCRs", "SHA-384 PCRs"));
  }

  @Test
  void akChainToAConfiguredRoot_passes_withoutTheRootFailsChain() throws Exception {
    AttestationResult result = gceResult();
    assertThat(result.checks()).filteredOn(c -> c.name().equals("tpm.ak-certificate")).singleElement()
        .satisfies(c -> assertThat(c.passed()).isTrue());
    TpmReference required = TpmReference.any().withPcr("sha256", 0, List.of(pcr(result, 0x000b, 0)))
        .withRequireAkCertificate(true);
    assertThat(Appraisal.appraise(AppraisalPolicy.defaults().withTpm(required), result).accepted()).isTrue();

    TrustAnchors tpmRootsOnly = TrustAnchors.of(TrustAnchors.bundled().roots(Platform.TPM));
    assertThat(TpmVerifier.create(tpmRootsOnly).verify(evidence(gce(GCE_NONCE)),
        VerificationRequest.at(NOW, Freshness.nonce(GCE_NONCE_VALUE))).checks()).extracting(Check::name)
        .contains("tpm.ak-certificate");
    TrustAnchors noTpmRoot = TrustAnchors.of(TrustAnchors.bundled().roots(Platform.NITRO));
    assertThatThrownBy(() -> TpmVerifier.create(noTpmRoot).verify(evidence(gce(GCE_NONCE)),
            VerificationRequest.at(NOW, Freshness.nonce(GCE_NONCE_VALUE))))
        .isInstanceOf(CertificateChainException.class).hasMessageContaining("tpm.ak-certificate");
  }

  @Test
  void chainlessAk_refusedByDefault_acceptedWhenPinnedByTheCaller() throws Exception {
    TpmEvidence trustee = trustee();
    TpmReference measured = TpmReference.any().withPcr("sha256", 17, List.of(ByteString.fromHex("ff".repeat(32))));
    AppraisalPolicy policy = AppraisalPolicy.defaults().withAcceptSkipped(AppraisalPolicy.FRESHNESS_CHECKS).withTpm(measured);

    AttestationResult unpinned = VERIFIER.verify(evidence(trustee), VerificationRequest.at(NOW, Freshness.none()));
    assertThat(unpinned.checks()).filteredOn(c -> c.name().equals("tpm.ak-certificate")).singleElement()
        .satisfies(c -> assertThat(c.skipped()).isTrue());
    assertThat(failures(Appraisal.appraise(policy, unpinned))).containsExactly("tpm.ak-certificate");

    VerificationRequest pinnedRequest = VerificationRequest.at(NOW, Freshness.none())
        .withCollateral(CollateralSource.of(Platform.TPM, "ak", trustee.ak().orElseThrow().getEncoded()));
    AttestationResult pinned = VERIFIER.verify(evidence(trustee), pinnedRequest);
    assertThat(((TpmClaims) pinned.claims()).akPinned()).isTrue();
    assertThat(((TpmClaims) pinned.claims()).akCertified()).isFalse();
    assertThat(pinned.checks()).extracting(Check::name).contains("tpm.ak").doesNotContain("tpm.ak-certificate");
    assertThat(Appraisal.appraise(policy, pinned).accepted()).isTrue();
    assertThat(failures(Appraisal.appraise(policy.withTpm(measured.withRequireAkCertificate(true)), pinned)))
        .containsExactly("policy.tpm.ak-certificate");
  }

  @Test
  void akPinnedByTheCaller_otherKeyInTheEvidence_throwsBinding() throws Exception {
    TpmEvidence trustee = trustee();
    byte[] otherAk = gce(GCE_NONCE).ak().orElseThrow().getEncoded();
    VerificationRequest request = VerificationRequest.at(NOW, Freshness.none())
        .withCollateral(CollateralSource.of(Platform.TPM, "ak", otherAk));
    assertThatThrownBy(() -> VERIFIER.verify(evidence(trustee), request))
        .isInstanceOf(BindingException.class).hasMessageContaining("tpm.ak");
    TpmEvidence bare = new TpmEvidence(trustee.quotes(), Optional.empty(), List.of());
    assertThatThrownBy(() -> VERIFIER.verify(evidence(bare), request)).isInstanceOf(AttestationException.class);
  }
}
