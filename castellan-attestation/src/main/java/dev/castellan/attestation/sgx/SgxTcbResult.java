package dev.castellan.attestation.sgx;

import dev.castellan.attestation.tdx.TcbStatus;
import java.util.List;

/**
 * The outcome of SGX TCB evaluation.
 *
 * @param status the TCB level status converged with the QE identity status
 * @param tcbLevelStatus the status of the matching TCB level alone
 * @param qeStatus the Quoting Enclave identity status
 * @param advisoryIds the advisories of the matching TCB level, then those of the matching QE
 *     identity level that are not already listed
 */
record SgxTcbResult(
    TcbStatus status, TcbStatus tcbLevelStatus, TcbStatus qeStatus, List<String> advisoryIds) {

  SgxTcbResult {
    advisoryIds = List.copyOf(advisoryIds);
  }
}
