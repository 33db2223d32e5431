package dev.castellan.attestation.tdx;

import dev.castellan.attestation.policy.TestPolicies;
import static dev.castellan.attestation.tdx.TdxTestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.CollateralException;
import dev.castellan.attestation.SignatureInvalidException;
import dev.castellan.testkit.Failures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The TDX negative cases of vectors/attestation/README.md section 5 (15-20). */
class TdxNegativeTest {

  private static void signatures(byte[] quote, Instant at) throws Exception {
    TdxQuoteVerifier.create(root()).verifySignatures(
        TdxQuote.parse(quote), Optional.empty(), Optional.empty(), at, new ArrayList<>());
  }

  private static byte[] with(byte[] quote, int offset, int value) {
    byte[] copy = quote.clone();
    copy[offset] = (byte) value;
    return copy;
  }

  @Test
  void parse_goTdxGuestHeaderVersion3_throwsUnsupported() {
    assertThatThrownBy(() -> TdxQuote.parse(with(quote(SPR_E4), 0x00, 3)))
        .isInstanceOf(TdxException.class).hasMessageContaining("unsupported quote version");
  }

  @Test
  void parse_goTdxGuestSignatureLength0x10_throwsSizeMismatch() {
    assertThatThrownBy(() -> TdxQuote.parse(with(quote(SPR_E4), 0x278, 0x10)))
        .isInstanceOf(TdxException.class).hasMessageContaining("size");
  }

  @Test
  void verify_goTdxGuestSingleByteChanges_failWithTheirReason() {
    byte[] quote = quote(SPR_E4);
    Failures failures = new Failures();
    int[][] cases = {{0x1E, 0}, {0x3C, 0}, {0xB77, 1}, {0xF5F, 1}, {0x1329, 1}, {0x1343, 1}};
    for (int[] c : cases) {
      int offset = c[0];
      failures.check("offset " + Integer.toHexString(offset), () -> {
        byte[] mutated = with(quote, offset, quote[offset] ^ 0x01);
        var thrown = org.assertj.core.api.Assertions.catchThrowable(() -> signatures(mutated, AT_2023));
        assertThat(thrown).isInstanceOf(TdxException.class);
        if (c[1] == 0) {
          assertThat(thrown).hasMessageContaining("quote signature");
        } else {
          assertThat(thrown.getMessage()).contains("certificate chain");
        }
      });
    }
    failures.assertNone(cases.length);
  }

  @Test
  void verify_flippedQeAuthDataOrAttestationKey_failsBinding() throws Exception {
    byte[] quote = quote(QUOTE_4);
    int signatureData = 48 + TdReport.TDX10_SIZE + 4;
    int attestationKey = signatureData + 64;
    int qeAuthData = attestationKey + 64 + 6 + EnclaveReport.SIZE + 64 + 2;
    for (int offset : new int[] {attestationKey, attestationKey + 63, qeAuthData}) {
      assertThatThrownBy(() -> signatures(with(quote, offset, quote[offset] ^ 0x40), AT_2023))
          .isInstanceOf(TdxException.class)
          .hasMessageContaining("QE report data does not bind");
    }
  }

  @Test
  void verify_flippedQeReport_failsQeSignature() {
    byte[] quote = quote(QUOTE_4);
    int qeReport = 48 + TdReport.TDX10_SIZE + 4 + 128 + 6;
    assertThatThrownBy(() -> signatures(with(quote, qeReport + 100, quote[qeReport + 100] ^ 1), AT_2023))
        .isInstanceOf(TdxException.class).hasMessageContaining("QE report signature");
  }

  @Test
  void verify_sprE4In2053_failsOnExpiry() {
    assertThatThrownBy(() -> verify(verifier(), SPR_E4, Instant.parse("2053-07-01T00:00:00Z"),
            collateral2023()))
        .isInstanceOf(CertificateChainException.class).hasMessageContaining("tdx.pck-chain");
  }

  @Test
  void verify_collateralAfterNextUpdate_reportsTcbInfoExpired() {
    assertThatThrownBy(() -> verify(verifier(), QUOTE_4, Instant.parse("2023-08-01T00:00:00Z"),
            collateral2023()))
        .isInstanceOf(CollateralException.class).hasMessageContaining("tcbInfo has expired");
  }

  @Test
  void verify_2026CollateralWith2023QeIdentity_reportsQeIdentityExpired() {
    assertThatThrownBy(() -> verify(lenientSigner(), V5_SAMPLE, AT_2026, collateral2026()))
        .isInstanceOf(CollateralException.class).hasMessageContaining("enclaveIdentity has expired");
  }

  @Test
  void verify_expiredTcbSigningCertificateByDefault_throws() {
    assertThatThrownBy(() -> verify(verifier(), QUOTE_6, AT_2025, collateral2025()))
        .isInstanceOf(CertificateChainException.class)
        .hasMessageContaining("tdx.tcb-signing-chain");
  }

  @Test
  void verify_azureQuoteWithTrusteeTcbInfo_rejectsFmspcMismatch() {
    assertThatThrownBy(() -> verify(lenientSigner(), AZURE, AT_2025, collateral2025()))
        .isInstanceOf(CollateralException.class).hasMessageContaining("FMSPC does not match");
  }

  @Test
  void verify_tamperedTcbInfo_failsSignature() throws Exception {
    byte[] json = dev.castellan.testkit.Vectors.bytes(DIR + "collateral/trustee_tcbInfo.json");
    String text = new String(json, java.nio.charset.StandardCharsets.UTF_8)
        .replaceFirst("\"pcesvn\":13", "\"pcesvn\":11");
    assertThat(text).isNotEqualTo(new String(json, java.nio.charset.StandardCharsets.UTF_8));
    TdxCollateral collateral = TdxCollateral.of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        dev.castellan.testkit.Vectors.bytes(DIR + "collateral/trustee_enclaveIdentity.json"),
        tcbSigningChain());
    assertThatThrownBy(() -> verify(lenientSigner(), QUOTE_6, AT_2025, collateral))
        .isInstanceOf(SignatureInvalidException.class).hasMessageContaining("tcbInfo signature");
  }

  @Test
  void verify_debugTdUnderDefaultPolicy_isRejected() throws Exception {
    var verdict = dev.castellan.attestation.policy.Appraisal.appraise(
        dev.castellan.attestation.policy.TestPolicies.rulesOnly(),
        verify(verifier(), QUOTE_4, AT_2023, collateral2023()));
    assertThat(verdict.failures()).extracting(dev.castellan.attestation.Check::name)
        .containsExactly("policy.debug");
  }

  @Test
  void pckCrlIssuerChain_isThePlatformCaOfTheQuotesAndSignsThePckCrl() throws Exception {
    var chain = certs(dev.castellan.testkit.Vectors.bytes(
        DIR + "collateral/derived/go-tdx-guest_pck-crl-issuer-chain.pem"));
    assertThat(chain.get(1)).isEqualTo(root());
    assertThat(chain.getFirst()).isEqualTo(TdxQuote.parse(quote(QUOTE_4)).pckChain().get(1));
    crl("go-tdx-guest_pckcrl").verify(chain.getFirst().getPublicKey());
    assertThatThrownBy(() -> crl("go-tdx-guest_pckcrl").verify(root().getPublicKey()))
        .isInstanceOf(java.security.GeneralSecurityException.class);
  }

  @Test
  void verify_pckCrlAfterItsNextUpdate_isReportedExpired() {
    assertThatThrownBy(() -> verify(verifier(), QUOTE_4, Instant.parse("2023-07-09T00:00:00Z"),
            collateral2023().withCrls(crl("go-tdx-guest_rootcrl.der"), crl("go-tdx-guest_pckcrl"))))
        .isInstanceOf(CertificateChainException.class).hasMessageContaining("PCK CRL has expired");
  }

  @Test
  void parse_trailingBytes_areCountedNotSigned() throws Exception {
    assertThat(TdxQuote.parse(quote(SPR_E4)).trailingLength()).isEqualTo(39);
    assertThat(TdxQuote.parse(quote(COS_113)).trailingLength()).isEqualTo(3065);
    assertThat(TdxQuote.parse(quote(QUOTE_6)).trailingLength()).isEqualTo(70);
    assertThat(TdxQuote.parse(quote(AZURE)).trailingLength()).isEqualTo(70);
    assertThat(TdxQuote.parse(quote(QUOTE_4)).trailingLength()).isZero();
    assertThat(TdxQuote.parse(quote(V5_SAMPLE)).trailingLength()).isZero();
  }

  @Test
  void parse_truncatedAnywhere_throwsTdxException() {
    byte[] quote = quote(QUOTE_4);
    Failures failures = new Failures();
    for (int length = 0; length < quote.length; length += 97) {
      byte[] truncated = java.util.Arrays.copyOf(quote, length);
      failures.check("length " + length, () ->
          assertThatThrownBy(() -> TdxQuote.parse(truncated)).isInstanceOf(TdxException.class));
    }
    failures.assertNone(50);
  }
}
