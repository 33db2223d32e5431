package dev.castellan.attestation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Claims from an Intel TDX DCAP quote (Intel TDX DCAP Quote Generation Library and Quote
 * Verification Library, quote format v4/v5; TD report body from the TDX Module ABI spec).
 * Owned by the TDX verifier; fields may grow.
 *
 * @param version quote version (4 or 5)
 * @param teeTcbSvn TEE_TCB_SVN, 16 bytes
 * @param teeTcbSvn2 TEE_TCB_SVN2 (TDX 1.5 body only)
 * @param mrSeam MRSEAM, 48 bytes
 * @param mrSignerSeam MRSIGNERSEAM, 48 bytes
 * @param seamAttributes SEAMATTRIBUTES, 8 bytes
 * @param tdAttributes TDATTRIBUTES, 8 bytes
 * @param xfam XFAM, 8 bytes
 * @param mrTd MRTD, 48 bytes
 * @param mrConfigId MRCONFIGID, 48 bytes
 * @param mrOwner MROWNER, 48 bytes
 * @param mrOwnerConfig MROWNERCONFIG, 48 bytes
 * @param rtmrs RTMR0..3, 48 bytes each
 * @param reportData REPORTDATA, 64 bytes
 * @param mrServiceTd MRSERVICETD (TDX 1.5 body only)
 * @param fmspc the PCK certificate's FMSPC, 6 bytes
 * @param tcbStatus the TCB level status from Intel TCB info, or NOT_EVALUATED
 * @param advisoryIds Intel security advisories of the matched TCB level
 * @param simulated whether the quote chains to a simulated root
 * @param trailingBytes bytes after the quote's declared end (not covered by any signature);
 *     judged by {@code TdxReference.allowTrailingData}
 * @param qeVendorId the quote header's QE vendor ID, 16 bytes (the parser accepts Intel's only)
 * @param tcbEvaluationDataNumber the verified TCB Info's {@code tcbEvaluationDataNumber}; empty
 *     without TCB Info
 * @param tdxModuleIdentity the TCB Info {@code tdxModuleIdentities} entry (e.g. {@code TDX_01})
 *     whose MRSIGNER and attributes matched the TDX module and whose TCB levels judged it;
 *     empty when the TCB was not evaluated or the module is unversioned
 * @param tdxModuleStatus the TDX module's TCB status (already converged into {@code
 *     tcbStatus}); NOT_EVALUATED when the TCB was not evaluated
 */
public record TdxClaims(
    int version,
    ByteString teeTcbSvn,
    Optional<ByteString> teeTcbSvn2,
    ByteString mrSeam,
    ByteString mrSignerSeam,
    ByteString seamAttributes,
    ByteString tdAttributes,
    ByteString xfam,
    ByteString mrTd,
    ByteString mrConfigId,
    ByteString mrOwner,
    ByteString mrOwnerConfig,
    List<ByteString> rtmrs,
    ByteString reportData,
    Optional<ByteString> mrServiceTd,
    ByteString fmspc,
    TcbStatus tcbStatus,
    List<String> advisoryIds,
    boolean simulated,
    int trailingBytes,
    ByteString qeVendorId,
    OptionalInt tcbEvaluationDataNumber,
    Optional<String> tdxModuleIdentity,
    TcbStatus tdxModuleStatus)
    implements Claims {
  public TdxClaims {
    Objects.requireNonNull(tdAttributes, "tdAttributes");
    Objects.requireNonNull(mrTd, "mrTd");
    Objects.requireNonNull(reportData, "reportData");
    Objects.requireNonNull(tcbStatus, "tcbStatus");
    Objects.requireNonNull(qeVendorId, "qeVendorId");
    Objects.requireNonNull(tcbEvaluationDataNumber, "tcbEvaluationDataNumber");
    Objects.requireNonNull(tdxModuleIdentity, "tdxModuleIdentity");
    Objects.requireNonNull(tdxModuleStatus, "tdxModuleStatus");
    rtmrs = List.copyOf(rtmrs);
    advisoryIds = List.copyOf(advisoryIds);
  }

  @Override
  public Platform platform() {
    return Platform.TDX;
  }

  /** TDATTRIBUTES bit 0 (DEBUG): the TD is debuggable by the host VMM. */
  @Override
  public boolean debug() {
    return tdAttributes.length() > 0 && (tdAttributes.byteAt(0) & 1) == 1;
  }

  /** Intel PCS TCB level statuses. */
  public enum TcbStatus {
    UP_TO_DATE,
    SW_HARDENING_NEEDED,
    CONFIGURATION_NEEDED,
    CONFIGURATION_AND_SW_HARDENING_NEEDED,
    OUT_OF_DATE,
    OUT_OF_DATE_CONFIGURATION_NEEDED,
    REVOKED,
    /** No TCB info was evaluated (none supplied, or no level matched). */
    NOT_EVALUATED
  }
}
