package dev.castellan.attestation.tdx;

import static dev.castellan.attestation.tdx.TdxTestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.testkit.Failures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TdxQuoteVerifierTest {

  private static TdxQuoteVerifier verifier() throws Exception {
    return TdxQuoteVerifier.create(root());
  }

  private static PckExtensions signatures(String name, Instant at) throws Exception {
    return verifier().verifySignatures(TdxQuote.parse(quote(name)), Optional.empty(),
        Optional.empty(), at, new ArrayList<>());
  }

  @Test
  void verifySignatures_everyQuote_passesAtItsDate() throws Exception {
    Failures failures = new Failures();
    for (String name : ALL_QUOTES) {
      failures.check(name, () -> signatures(name, AT_2026));
    }
    failures.assertNone(7);
  }

  @Test
  void verify_quote4With2023Collateral_isUpToDate() throws Exception {
    VerifiedTdxQuote verified = verifier().verify(
        TdxQuote.parse(quote(QUOTE_4)),
        collateral2023().withCrls(crl("go-tdx-guest_rootcrl.der"), crl("go-tdx-guest_pckcrl")),
        AT_2023, false);
    assertThat(verified.tcb().status()).isEqualTo(TcbStatus.UP_TO_DATE);
    assertThat(verified.tcb().qeStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
    assertThat(verified.quote().report().isDebug()).isTrue();
    assertThat(Hex.encode(verified.pck().fmspc())).isEqualTo("50806f000000");
    assertThat(verified.checks()).contains("pck-crl", "root-crl", "quote-signature", "tcb-level");
  }

  @Test
  void verify_sprE4With2023Collateral_noMatchingTcbLevel() throws Exception {
    assertThatThrownBy(() -> verifier().verify(
            TdxQuote.parse(quote(SPR_E4)), collateral2023(), AT_2023, false))
        .isInstanceOf(TdxException.class)
        .hasMessageContaining("no TCB level matches");
  }

  @Test
  void verify_quote6WithTrusteeCollateral_isOutOfDate() throws Exception {
    VerifiedTdxQuote verified = verifier().verify(
        TdxQuote.parse(quote(QUOTE_6)), collateral2025(), AT_2025, true);
    assertThat(verified.tcb().status()).isEqualTo(TcbStatus.OUT_OF_DATE);
    assertThat(verified.tcb().tdxModuleStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
    assertThat(verified.tcb().qeStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
  }
}
