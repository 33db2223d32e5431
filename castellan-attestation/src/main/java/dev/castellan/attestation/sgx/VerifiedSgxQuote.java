package dev.castellan.attestation.sgx;

import dev.castellan.attestation.Check;
import dev.castellan.attestation.tdx.PckExtensions;
import java.util.List;
import java.util.Optional;

/**
 * An SGX quote whose signatures, chain, collateral and TCB level were verified by
 * {@link SgxQuoteVerifier}; policy has not been applied yet.
 *
 * @param tcb the TCB evaluation, empty when no collateral was given or no level matched
 * @param checks the checks, in order: PASS, or SKIP for what could not be performed (a CRL
 *     or the TCB evaluation without collateral)
 */
record VerifiedSgxQuote(SgxQuote quote, PckExtensions pck, Optional<SgxTcbResult> tcb,
    List<Check> checks) {

  VerifiedSgxQuote {
    checks = List.copyOf(checks);
  }
}
