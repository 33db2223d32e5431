package dev.castellan.attestation.tdx;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A TDX quote whose signatures, chain, collateral and TCB level were verified by
 * {@link TdxQuoteVerifier}; policy has not been applied yet.
 *
 * @param tcb the TCB evaluation, empty when no collateral was given or no level matched
 * @param tcbReason why the TCB has the status it has, for the result's check list
 * @param checks names of the checks that passed, in order
 * @param crlNotes why a CRL was not used (empty when both were checked)
 * @param tcbEvaluationDataNumber the TCB Info's tcbEvaluationDataNumber, when TCB Info was
 *     verified
 */
record VerifiedTdxQuote(TdxQuote quote, PckExtensions pck, Optional<TdxTcbResult> tcb,
    String tcbReason, List<String> checks, List<String> crlNotes,
    OptionalInt tcbEvaluationDataNumber) {

  VerifiedTdxQuote {
    checks = List.copyOf(checks);
    crlNotes = List.copyOf(crlNotes);
  }

  /** The TCB part of the outcome. */
  record Tcb(Optional<TdxTcbResult> result, String reason, OptionalInt evaluationDataNumber) {}
}
