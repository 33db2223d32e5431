package dev.castellan.attestation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * Claims from an Intel SGX DCAP ECDSA quote, version 3 (Intel SGX ECDSA Quote Library API,
 * "Quote Format"; the enclave report body is {@code sgx_report_body_t}). Owned by the SGX
 * verifier; fields may grow.
 *
 * @param version quote version (3)
 * @param cpuSvn CPUSVN, 16 bytes
 * @param miscSelect MISCSELECT, 4 bytes as in the report (little-endian)
 * @param attributes ATTRIBUTES, 16 bytes as in the report: FLAGS (8 bytes, little-endian; bit 1
 *     = DEBUG) then XFRM (8 bytes, little-endian)
 * @param mrEnclave MRENCLAVE, 32 bytes: the enclave's measurement
 * @param mrSigner MRSIGNER, 32 bytes: the hash of the enclave signer's public key
 * @param isvProdId ISVPRODID
 * @param isvSvn ISVSVN
 * @param configId CONFIGID, 64 bytes
 * @param configSvn CONFIGSVN
 * @param isvExtProdId ISVEXTPRODID, 16 bytes
 * @param isvFamilyId ISVFAMILYID, 16 bytes
 * @param reportData REPORTDATA, 64 bytes
 * @param fmspc the PCK certificate's FMSPC, 6 bytes
 * @param tcbStatus the TCB status from Intel SGX TCB Info, converged with the QE identity
 *     status, or NOT_EVALUATED; the same Intel PCS statuses as TDX
 * @param advisoryIds Intel security advisories of the matched TCB level and QE identity level
 * @param simulated whether the quote chains to a simulated root
 */
public record SgxClaims(
    int version,
    ByteString cpuSvn,
    ByteString miscSelect,
    ByteString attributes,
    ByteString mrEnclave,
    ByteString mrSigner,
    int isvProdId,
    int isvSvn,
    ByteString configId,
    int configSvn,
    ByteString isvExtProdId,
    ByteString isvFamilyId,
    ByteString reportData,
    ByteString fmspc,
    TdxClaims.TcbStatus tcbStatus,
    List<String> advisoryIds,
    boolean simulated)
    implements Claims {
  /** Size of ATTRIBUTES: FLAGS and XFRM, 8 bytes each. */
  public static final int ATTRIBUTES_SIZE = 16;

  /** Bit 1 of ATTRIBUTES.FLAGS: the enclave is a debug enclave, readable by a debugger. */
  public static final long FLAG_DEBUG = 1L << 1;

  public SgxClaims {
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(mrEnclave, "mrEnclave");
    Objects.requireNonNull(mrSigner, "mrSigner");
    Objects.requireNonNull(reportData, "reportData");
    Objects.requireNonNull(tcbStatus, "tcbStatus");
    if (attributes.length() != ATTRIBUTES_SIZE) {
      throw new IllegalArgumentException("attributes must be 16 bytes");
    }
    advisoryIds = List.copyOf(advisoryIds);
  }

  @Override
  public Platform platform() {
    return Platform.SGX;
  }

  /** ATTRIBUTES.FLAGS as a number (bytes 0-7 of ATTRIBUTES, little-endian). */
  @JsonProperty("flags")
  public long flags() {
    return le64(0);
  }

  /** ATTRIBUTES.XFRM as a number (bytes 8-15 of ATTRIBUTES, little-endian). */
  @JsonProperty("xfrm")
  public long xfrm() {
    return le64(8);
  }

  /** ATTRIBUTES.FLAGS bit 1 (DEBUG): the enclave's memory is readable by a debugger. */
  @Override
  public boolean debug() {
    return (flags() & FLAG_DEBUG) != 0;
  }

  private long le64(int offset) {
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = value << 8 | (attributes.byteAt(offset + i) & 0xff);
    }
    return value;
  }
}
