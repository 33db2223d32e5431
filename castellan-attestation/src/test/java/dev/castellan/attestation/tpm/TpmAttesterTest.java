package dev.castellan.attestation.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.BindingException;
import dev.castellan.attestation.DeviceUnavailableException;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.FreshnessException;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.SignatureInvalidException;
import dev.castellan.attestation.TpmClaims;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.policy.TpmReference;
import dev.castellan.attestation.policy.Verdict;
import dev.castellan.testkit.SwtpmExtension;
import dev.castellan.core.hash.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Round trip against a real software TPM: swtpm + tpm2-tools quote, our verifier checks. */
class TpmAttesterTest {
  private static final TpmVerifier VERIFIER = TpmVerifier.create(TrustAnchors.bundled());
  @RegisterExtension static final SwtpmExtension SWTPM = new SwtpmExtension();

  private static VerificationRequest request(byte[] nonce) {
    return VerificationRequest.at(Instant.now(), Freshness.nonce(nonce));
  }

  @Test
  void attest_extendedPcrAndNonce_verifiesWithOurVerifier() throws Exception {
    TpmAttester attester = TpmAttester.create(TpmAttester.Options.of(SWTPM.tcti()));
    byte[] measurement = HashAlgorithm.SHA_256.hash("castellan.jar".getBytes(StandardCharsets.UTF_8));
    attester.extendPcr(16, measurement);
    byte[] nonce = HashAlgorithm.SHA_256.hash("nonce".getBytes(StandardCharsets.UTF_8));
    Evidence evidence = attester.attest(nonce);
    AttestationResult result = VERIFIER.verify(evidence, request(nonce));
    TpmClaims claims = (TpmClaims) result.claims();
    assertThat(claims.extraData().toByteArray()).isEqualTo(nonce);
    assertThat(claims.akCertified()).isFalse();
    assertThat(claims.pcrs().get(0x000b)).hasSize(24);
    // PCR16 started at zero (fresh swtpm state): extend = SHA-256(zeros || measurement).
    assertThat(claims.pcrs().get(0x000b).get(16).toByteArray())
        .isEqualTo(HashAlgorithm.SHA_256.hash(new byte[32], measurement));

    byte[] wrong = nonce.clone();
    wrong[0] ^= 1;
    assertThatThrownBy(() -> VERIFIER.verify(evidence, request(wrong)))
        .isInstanceOf(FreshnessException.class);

    TpmEvidence parsed = TpmEvidence.parse(evidence.bytes());
    TpmQuote quote = parsed.quotes().getFirst();
    List<byte[]> values = new ArrayList<>(quote.pcrValues());
    byte[] tampered = values.get(16).clone();
    tampered[31] ^= 1;
    values.set(16, tampered);
    TpmEvidence forged = new TpmEvidence(
        List.of(new TpmQuote(quote.attest(), quote.signature(), values)), parsed.ak(), List.of());
    assertThatThrownBy(() -> VERIFIER.verify(Evidence.of(Platform.TPM, forged.encode()),
            request(nonce)))
        .isInstanceOf(BindingException.class).hasMessageContaining("tpm.pcr-digest");

    byte[] attest = quote.attest();
    attest[attest.length - 1] ^= 1;
    TpmEvidence resigned = new TpmEvidence(
        List.of(new TpmQuote(attest, quote.signature(), quote.pcrValues())), parsed.ak(), List.of());
    assertThatThrownBy(() -> VERIFIER.verify(Evidence.of(Platform.TPM, resigned.encode()),
            request(nonce)))
        .isInstanceOf(SignatureInvalidException.class);
  }

  /**
   * The swtpm AK has no certificate: the default policy refuses it (nothing vouches for the
   * AK) even with the PCR pinned; pinned out of band by the caller it is accepted, and a
   * wrong PCR value still fails.
   */
  @Test
  void appraise_swtpmQuote_chainlessAkRefused_acceptedWhenPinned_pcrMismatchFails() throws Exception {
    TpmAttester attester = TpmAttester.create(TpmAttester.Options.of(SWTPM.tcti()).withPcrs(List.of(0, 7, 23)));
    byte[] nonce = HashAlgorithm.SHA_256.hash("appraise".getBytes(StandardCharsets.UTF_8));
    Evidence evidence = attester.attest(nonce);
    TpmClaims quoted = (TpmClaims) VERIFIER.verify(evidence, request(nonce)).claims();
    ByteString pcr7 = quoted.pcrs().get(0x000b).get(7);
    AppraisalPolicy policy = AppraisalPolicy.defaults()
        .withTpm(TpmReference.any().withPcr("sha256", 7, List.of(pcr7)));

    Verdict unpinned = Appraisal.appraise(policy, VERIFIER.verify(evidence, request(nonce)));
    assertThat(unpinned.failures()).extracting(Check::name).containsExactly("tpm.ak-certificate");

    byte[] ak = TpmEvidence.parse(evidence.bytes()).ak().orElseThrow().getEncoded();
    VerificationRequest pinned = request(nonce).withCollateral(CollateralSource.of(Platform.TPM, "ak", ak));
    AttestationResult result = VERIFIER.verify(evidence, pinned);
    assertThat(Appraisal.appraise(policy, result).accepted()).isTrue();

    byte[] other = pcr7.toByteArray();
    other[0] ^= 1;
    Verdict mismatch = Appraisal.appraise(AppraisalPolicy.defaults()
        .withTpm(TpmReference.any().withPcr("sha256", 7, List.of(ByteString.of(other)))), result);
    assertThat(mismatch.failures()).extracting(Check::name)
        .containsExactly("policy.tpm.measurement", "policy.tpm.pcr.sha256.7");
  }

  @Test
  void attest_rsaAk_verifiesWithOurVerifier() throws Exception {
    TpmAttester attester = TpmAttester.create(TpmAttester.Options.of(SWTPM.tcti())
        .withPcrs(List.of(0, 7, 16)).withAkAlgorithm(TpmAttester.AkAlgorithm.RSA_2048));
    byte[] nonce = {1, 2, 3, 4, 5, 6, 7, 8};
    TpmClaims claims = (TpmClaims) VERIFIER.verify(attester.attest(nonce), request(nonce)).claims();
    assertThat(claims.pcrs().get(0x000b).keySet()).containsExactly(0, 7, 16);
  }

  @Test
  void attest_challengeLongerThan64Bytes_isRejectedNotTruncated() {
    TpmAttester attester = TpmAttester.create(TpmAttester.Options.of(SWTPM.tcti()));
    assertThatThrownBy(() -> attester.attest(new byte[65])).isInstanceOf(FreshnessException.class);
  }

  @Test
  void attest_absentDevice_throwsDeviceUnavailable() {
    TpmAttester attester =
        TpmAttester.create(TpmAttester.Options.of("device:/dev/castellan-no-such-tpm"));
    assertThatThrownBy(() -> attester.attest(new byte[] {1}))
        .isInstanceOf(DeviceUnavailableException.class)
        .hasMessageContaining("no TPM device");
  }
}
