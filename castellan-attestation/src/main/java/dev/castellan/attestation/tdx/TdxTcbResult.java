package dev.castellan.attestation.tdx;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of TDX TCB evaluation.
 *
 * @param status the converged platform status (TCB level, TDX module and QE combined)
 * @param tcbLevelStatus the status of the matching TCB level alone
 * @param tdxModuleStatus the TDX module identity status ({@code UP_TO_DATE} when the module is
 *     unversioned)
 * @param qeStatus the Quoting Enclave identity status
 * @param advisoryIds Intel security advisories listed for the matching TCB level
 * @param tdxModuleIdentity the {@code tdxModuleIdentities} entry of TCB Info that judged the
 *     TDX module (its MRSIGNER and attributes matched, its TCB level gave the module status);
 *     empty when the module is unversioned and only {@code tdxModule} was matched
 */
record TdxTcbResult(
    TcbStatus status,
    TcbStatus tcbLevelStatus,
    TcbStatus tdxModuleStatus,
    TcbStatus qeStatus,
    List<String> advisoryIds,
    Optional<String> tdxModuleIdentity) {

  TdxTcbResult {
    advisoryIds = List.copyOf(advisoryIds);
  }
}
