package dev.castellan.attestation.sgx;

import dev.castellan.attestation.PlatformException;
import dev.castellan.attestation.tdx.EnclaveReport;
import dev.castellan.attestation.tdx.PckExtensions;
import dev.castellan.attestation.tdx.QeIdentity;
import dev.castellan.attestation.tdx.SignedJson;
import dev.castellan.attestation.tdx.TcbEvaluation;
import dev.castellan.attestation.tdx.TcbStatus;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Intel's SGX TCB level evaluation (Intel QVL, {@code TcbLevelCheck} for SGX): the first TCB
 * level whose sixteen SGX components and PCE SVN the PCK certificate meets gives the platform
 * status, which then converges with the QE identity status exactly as for TDX
 * ({@link TcbStatus#convergeWith}). The QE identity itself is checked by the TDX code
 * ({@link TcbEvaluation#qeStatus}).
 */
final class SgxTcbEvaluation {
  private SgxTcbEvaluation() {}

  static SgxTcbResult evaluate(SgxTcbInfo info, PckExtensions pck, QeIdentity qeIdentity,
      EnclaveReport qe) throws PlatformException {
    TcbStatus qeStatus = TcbEvaluation.qeStatus(qeIdentity, qe);
    int[] components = pck.tcbComponents();
    for (SgxTcbInfo.Level level : info.levels()) {
      if (meets(components, pck.pceSvn(), level)) {
        List<String> advisories = new ArrayList<>(level.advisoryIds());
        for (String id : qeAdvisories(qeIdentity, qe.isvSvn())) {
          if (!advisories.contains(id)) {
            advisories.add(id);
          }
        }
        return new SgxTcbResult(level.status().convergeWith(qeStatus), level.status(), qeStatus,
            advisories);
      }
    }
    throw new SgxException(PlatformException.Kind.TCB_UNMATCHED, "sgx.tcb",
        "no TCB level matches the PCK certificate's SGX TCB");
  }

  private static boolean meets(int[] pckComponents, int pceSvn, SgxTcbInfo.Level level) {
    int[] required = level.sgxComponents();
    for (int i = 0; i < 16; i++) {
      if (pckComponents[i] < required[i]) {
        return false;
      }
    }
    return pceSvn >= level.pceSvn();
  }

  /** The advisories of the first QE identity level the QE's ISVSVN meets (levels descend). */
  private static List<String> qeAdvisories(QeIdentity identity, int isvSvn)
      throws PlatformException {
    JsonNode levels = SignedJson.field(identity.signed().body(), "tcbLevels");
    for (JsonNode level : SgxTcbInfo.bounded(levels)) {
      if (isvSvn >= SignedJson.integer(SignedJson.field(level, "tcb"), "isvsvn")) {
        return SgxTcbInfo.advisories(level);
      }
    }
    return List.of();
  }
}
