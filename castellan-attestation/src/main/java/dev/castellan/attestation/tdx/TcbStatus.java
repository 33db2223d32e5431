package dev.castellan.attestation.tdx;

import java.util.Locale;

/**
 * Intel's TCB status values, as written in TCB Info and QE Identity collateral (Intel PCS API
 * v4, "TCB Info" and "Enclave Identity" models). Only {@link #UP_TO_DATE} is accepted by the
 * default policy.
 */
public enum TcbStatus {
  UP_TO_DATE("UpToDate"),
  SW_HARDENING_NEEDED("SWHardeningNeeded"),
  CONFIGURATION_NEEDED("ConfigurationNeeded"),
  CONFIGURATION_AND_SW_HARDENING_NEEDED("ConfigurationAndSWHardeningNeeded"),
  OUT_OF_DATE("OutOfDate"),
  OUT_OF_DATE_CONFIGURATION_NEEDED("OutOfDateConfigurationNeeded"),
  REVOKED("Revoked");

  private final String jsonName;

  TcbStatus(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name used in Intel's JSON collateral, e.g. {@code UpToDate}. */
  public String jsonName() {
    return jsonName;
  }

  public static TcbStatus fromJson(String name) throws TdxException {
    for (TcbStatus status : values()) {
      if (status.jsonName.equals(name)) {
        return status;
      }
    }
    throw new TdxException(TdxException.Kind.COLLATERAL, "tdx.collateral", String.format(Locale.ROOT, "unknown TCB status (%d chars)",
        name == null ? 0 : name.length()));
  }

  /**
   * Combines this platform status with the status of a component that is evaluated
   * separately (the TDX module or the QE), as Intel's QVL does: an out-of-date component
   * makes the whole platform out of date; a revoked component revokes it.
   */
  public TcbStatus convergeWith(TcbStatus component) {
    if (component == REVOKED) {
      return REVOKED;
    }
    if (component == OUT_OF_DATE) {
      return switch (this) {
        case UP_TO_DATE, SW_HARDENING_NEEDED -> OUT_OF_DATE;
        case CONFIGURATION_NEEDED, CONFIGURATION_AND_SW_HARDENING_NEEDED ->
            OUT_OF_DATE_CONFIGURATION_NEEDED;
        default -> this;
      };
    }
    return this;
  }
}
