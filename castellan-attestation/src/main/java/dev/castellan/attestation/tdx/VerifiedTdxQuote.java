package dev.castellan.attestation.tdx;

import java.util.List;

/**
 * A TDX quote whose signatures, chain, collateral and TCB level were verified by
 * {@link TdxQuoteVerifier}. Policy (allowed TCB statuses, debug, reference values) has NOT
 * been applied yet.
 *
 * @param checks names of the checks that passed, in order
 */
public record VerifiedTdxQuote(
    TdxQuote quote, PckExtensions pck, TdxTcbResult tcb, List<String> checks) {

  public VerifiedTdxQuote {
    checks = List.copyOf(checks);
  }
}
