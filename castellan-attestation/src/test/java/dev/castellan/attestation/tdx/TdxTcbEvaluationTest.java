package dev.castellan.attestation.tdx;

import static dev.castellan.attestation.tdx.TdxTestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.testkit.Vectors;
import org.junit.jupiter.api.Test;

/**
 * TCB evaluation of the 2026 vectors. No 2026 QE identity exists among the vectors (the full
 * verification fails on its expiry, see TdxNegativeTest), so the QE status here comes from the
 * 2023 identity evaluated without its window, as the README's stated verdicts do.
 */
class TdxTcbEvaluationTest {

  private static TdxTcbResult evaluate(String quoteName, String tcbInfoFile) throws Exception {
    TdxQuote quote = TdxQuote.parse(quote(quoteName));
    TcbInfo info = TcbInfo.parse(Vectors.bytes(DIR + "collateral/" + tcbInfoFile));
    info.signed().verify(tcbSigningChain().getFirst().getPublicKey(), "tdx.tcb-info", "tcbInfo");
    QeIdentity qe = QeIdentity.parse(
        Vectors.bytes(DIR + "collateral/go-tdx-guest_sample_qeIdentity_response"));
    return TcbEvaluation.evaluate(info, PckExtensions.of(quote.pckChain().getFirst()),
        quote.report(), TcbEvaluation.qeStatus(qe, quote.qeReport()));
  }

  @Test
  void evaluate_v5SampleWithV5TcbInfo_isUpToDate() throws Exception {
    TdxTcbResult result = evaluate(V5_SAMPLE, "go-tdx-guest_sample_tcbinfo_response_v5");
    assertThat(result.status()).isEqualTo(TcbStatus.UP_TO_DATE);
    assertThat(result.tdxModuleStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
    assertThat(result.qeStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
  }

  @Test
  void evaluate_trusteeQuote5WithV5TcbInfo_noMatchingLevel() {
    assertThatThrownBy(() -> evaluate(QUOTE_5, "go-tdx-guest_sample_tcbinfo_response_v5"))
        .isInstanceOf(TdxException.class).hasMessageContaining("no TCB level matches");
  }

  @Test
  void evaluate_quote4With2023TcbInfo_isUpToDate() throws Exception {
    assertThat(evaluate(QUOTE_4, "go-tdx-guest_sample_tcbInfo_response").status())
        .isEqualTo(TcbStatus.UP_TO_DATE);
  }

  @Test
  void convergeWith_outOfDateComponent_downgrades() {
    assertThat(TcbStatus.UP_TO_DATE.convergeWith(TcbStatus.OUT_OF_DATE))
        .isEqualTo(TcbStatus.OUT_OF_DATE);
    assertThat(TcbStatus.CONFIGURATION_NEEDED.convergeWith(TcbStatus.OUT_OF_DATE))
        .isEqualTo(TcbStatus.OUT_OF_DATE_CONFIGURATION_NEEDED);
    assertThat(TcbStatus.UP_TO_DATE.convergeWith(TcbStatus.REVOKED)).isEqualTo(TcbStatus.REVOKED);
    assertThat(TcbStatus.SW_HARDENING_NEEDED.convergeWith(TcbStatus.UP_TO_DATE))
        .isEqualTo(TcbStatus.SW_HARDENING_NEEDED);
  }
}
