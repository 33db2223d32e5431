package dev.castellan.attestation.tdx;

import static dev.castellan.attestation.PlatformException.Kind.BINDING;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Intel's TDX TCB level evaluation (Intel QVL, {@code TcbLevelCheck} and
 * {@code TdxModuleCheck}): the first TCB level whose SGX components and PCE SVN the PCK
 * certificate meets and whose TDX components the quote's TEE_TCB_SVN meets gives the platform
 * status; the TDX module identity and the QE identity statuses then converge into it.
 */
public final class TcbEvaluation {
  private TcbEvaluation() {}

  static TdxTcbResult evaluate(TcbInfo info, PckExtensions pck, TdReport report,
      TcbStatus qeStatus) throws TdxException {
    int[] pckComponents = pck.tcbComponents();
    byte[] teeTcbSvn = report.teeTcbSvn();
    int moduleVersion = teeTcbSvn[1] & 0xff;
    // With a versioned TDX module, bytes 0-1 (module SVN, version) are judged by the module
    // identity instead of the TCB level.
    int firstTdxComponent = moduleVersion > 0 && !info.tdxModuleIdentities().isEmpty() ? 2 : 0;
    boolean sgxMatched = false;
    TcbInfo.Level match = null;
    for (TcbInfo.Level level : info.levels()) {
      if (!sgxMeets(pckComponents, pck.pceSvn(), level)) {
        continue;
      }
      sgxMatched = true;
      if (level.status() == TcbStatus.REVOKED) {
        match = level;
        break;
      }
      if (tdxMeets(teeTcbSvn, level.tdxComponents(), firstTdxComponent)) {
        match = level;
        break;
      }
    }
    if (match == null) {
      throw new TdxException(TdxException.Kind.TCB_UNMATCHED, "tdx.tcb", sgxMatched
          ? "no TCB level matches the quote's TEE_TCB_SVN"
          : "no TCB level matches the PCK certificate's SGX TCB");
    }
    TcbStatus moduleStatus = moduleStatus(info, report, moduleVersion);
    TcbStatus status = match.status().convergeWith(moduleStatus).convergeWith(qeStatus);
    Optional<String> moduleIdentity = moduleVersion == 0 || info.tdxModuleIdentities().isEmpty()
        ? Optional.empty() : Optional.of(moduleId(moduleVersion));
    return new TdxTcbResult(status, match.status(), moduleStatus, qeStatus, match.advisoryIds(),
        moduleIdentity);
  }

  private static boolean sgxMeets(int[] pckComponents, int pceSvn, TcbInfo.Level level) {
    int[] required = level.sgxComponents();
    for (int i = 0; i < 16; i++) {
      if (pckComponents[i] < required[i]) {
        return false;
      }
    }
    return pceSvn >= level.pceSvn();
  }

  private static boolean tdxMeets(byte[] teeTcbSvn, int[] required, int from) {
    for (int i = from; i < 16; i++) {
      if ((teeTcbSvn[i] & 0xff) < required[i]) {
        return false;
      }
    }
    return true;
  }

  private static TcbStatus moduleStatus(TcbInfo info, TdReport report, int moduleVersion)
      throws TdxException {
    if (moduleVersion == 0 || info.tdxModuleIdentities().isEmpty()) {
      checkModule(info.tdxModule(), report);
      return TcbStatus.UP_TO_DATE;
    }
    String id = moduleId(moduleVersion);
    for (TcbInfo.ModuleIdentity identity : info.tdxModuleIdentities()) {
      if (identity.id().equalsIgnoreCase(id)) {
        checkModule(identity, report);
        int isvSvn = report.teeTcbSvn()[0] & 0xff;
        for (TcbInfo.ModuleLevel level : identity.levels()) {
          if (isvSvn >= level.isvSvn()) {
            return level.status();
          }
        }
        throw new TdxException(TdxException.Kind.TCB_UNMATCHED, "tdx.tcb",
            "no TDX module TCB level matches the module SVN");
      }
    }
    throw new TdxException(TdxException.Kind.TCB_UNMATCHED, "tdx.tcb",
        "tcbInfo has no identity for the quote's TDX module version");
  }

  /** The TCB Info identity of a TDX module version (TEE_TCB_SVN byte 1), e.g. {@code TDX_01}. */
  static String moduleId(int moduleVersion) {
    return String.format(Locale.ROOT, "TDX_%02X", moduleVersion);
  }

  private static void checkModule(TcbInfo.ModuleIdentity identity, TdReport report)
      throws TdxException {
    if (!Arrays.equals(identity.mrSigner(), report.mrSignerSeam())) {
      throw new TdxException(BINDING, "tdx.module-identity", "MRSIGNER_SEAM does not match the TDX module identity");
    }
    if (!Arrays.equals(and(report.seamAttributes(), identity.attributesMask()),
        and(identity.attributes(), identity.attributesMask()))) {
      throw new TdxException(BINDING, "tdx.module-identity", "SEAM attributes do not match the TDX module identity");
    }
  }

  static byte[] and(byte[] value, byte[] mask) {
    byte[] out = new byte[value.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (value[i] & mask[i]);
    }
    return out;
  }

  /** The QE identity check: identity fields must match; the ISV SVN picks the status. */
  public static TcbStatus qeStatus(QeIdentity identity, EnclaveReport qe) throws TdxException {
    if (!Arrays.equals(identity.mrSigner(), qe.mrSigner())) {
      throw new TdxException(BINDING, "tdx.qe-identity", "QE MRSIGNER does not match the QE identity");
    }
    if (identity.isvProdId() != qe.isvProdId()) {
      throw new TdxException(BINDING, "tdx.qe-identity", "QE ISVPRODID does not match the QE identity");
    }
    // MISCSELECT is a little-endian uint32 in the report and big-endian hex in the JSON.
    byte[] misc = qe.miscSelect();
    byte[] reportMisc = {misc[3], misc[2], misc[1], misc[0]};
    if (!Arrays.equals(and(reportMisc, identity.miscSelectMask()),
        and(identity.miscSelect(), identity.miscSelectMask()))) {
      throw new TdxException(BINDING, "tdx.qe-identity", "QE MISCSELECT does not match the QE identity");
    }
    if (!Arrays.equals(and(qe.attributes(), identity.attributesMask()),
        and(identity.attributes(), identity.attributesMask()))) {
      throw new TdxException(BINDING, "tdx.qe-identity", "QE attributes do not match the QE identity");
    }
    for (TcbInfo.ModuleLevel level : identity.levels()) {
      if (qe.isvSvn() >= level.isvSvn()) {
        return level.status();
      }
    }
    return TcbStatus.REVOKED;
  }
}
