package dev.castellan.attestation.tdx;

import java.util.List;

/**
 * The outcome of TDX TCB evaluation.
 *
 * @param status the converged platform status (TCB level, TDX module and QE combined)
 * @param tcbLevelStatus the status of the matching TCB level alone
 * @param tdxModuleStatus the TDX module identity status ({@code UP_TO_DATE} when the module is
 *     unversioned)
 * @param qeStatus the Quoting Enclave identity status
 * @param advisoryIds Intel security advisories listed for the matching TCB level
 */
record TdxTcbResult(
    TcbStatus status,
    TcbStatus tcbLevelStatus,
    TcbStatus tdxModuleStatus,
    TcbStatus qeStatus,
    List<String> advisoryIds) {

  TdxTcbResult {
    advisoryIds = List.copyOf(advisoryIds);
  }
}
