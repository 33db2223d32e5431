package dev.castellan.attestation.tdx;

import dev.castellan.attestation.policy.TestPolicies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TdxClaims;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.testkit.Failures;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatedTdxQuoteFactoryTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");
  private static final SimulatedTdxQuoteFactory FACTORY =
      SimulatedTdxQuoteFactory.create(new SecureRandom(), START, Duration.ofDays(3650));

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  private static VerificationRequest request(byte[] reportData) {
    return VerificationRequest.at(AT, Freshness.reportData(reportData))
        .withCollateral(FACTORY.collateral(START, Duration.ofDays(365)).toSource());
  }

  @Test
  void quote_verifiesWithTheSimulatedRoot_andIsLabelledSimulated() throws Exception {
    byte[] reportData = filled(64, 7);
    byte[] quote = FACTORY.quote(SimulatedTdxQuoteFactory.TdFields.of(filled(48, 1), reportData));
    AttestationResult result = TdxVerifier.create(TrustAnchors.of(FACTORY.root()))
        .verify(Evidence.of(Platform.TDX, quote), request(reportData));
    TdxClaims claims = (TdxClaims) result.claims();
    assertThat(claims.simulated()).isTrue();
    assertThat(claims.mrTd().toByteArray()).isEqualTo(filled(48, 1));
    assertThat(claims.tcbStatus()).isEqualTo(TdxClaims.TcbStatus.UP_TO_DATE);
    assertThat(claims.debug()).isFalse();
    assertThat(Appraisal.appraise(TestPolicies.rulesOnly(), result).failures())
        .extracting(Check::name).containsExactly("policy.simulated");
    assertThat(Appraisal.appraise(TestPolicies.rulesOnly().withAcceptSimulated(true), result)
        .accepted()).isTrue();
  }

  @Test
  void quote_againstTheRealIntelRoot_failsTheChain() {
    byte[] quote = FACTORY.quote(SimulatedTdxQuoteFactory.TdFields.of(filled(48, 1), filled(64, 0)));
    assertThatThrownBy(() -> TdxVerifier.create(TrustAnchors.bundled())
            .verify(Evidence.of(Platform.TDX, quote), request(filled(64, 0))))
        .isInstanceOf(CertificateChainException.class);
  }

  @Test
  void quote_anySignedByteFlipped_isRejected() throws Exception {
    byte[] quote = FACTORY.quote(SimulatedTdxQuoteFactory.TdFields.of(filled(48, 1), filled(64, 2)));
    TdxVerifier verifier = TdxVerifier.create(TrustAnchors.of(FACTORY.root()));
    VerificationRequest request = VerificationRequest.at(AT, Freshness.none());
    Failures failures = new Failures();
    for (int offset = 0; offset < 48 + TdReport.TDX10_SIZE + 4 + 128 + 6 + 384 + 64; offset += 5) {
      byte[] mutated = quote.clone();
      mutated[offset] ^= 0x01;
      int at = offset;
      failures.check("byte " + at, () -> {
        try {
          verifier.verify(Evidence.of(Platform.TDX, mutated), request);
        } catch (AttestationException expected) {
          return;
        }
        throw new AssertionError("accepted byte " + at + " flipped");
      });
    }
    failures.assertNone(100);
  }
}
