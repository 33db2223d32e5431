package dev.castellan.attestation.tdx;

import static dev.castellan.attestation.tdx.SignedJson.field;
import static dev.castellan.attestation.tdx.SignedJson.hex;
import static dev.castellan.attestation.tdx.SignedJson.instant;
import static dev.castellan.attestation.tdx.SignedJson.integer;
import static dev.castellan.attestation.tdx.SignedJson.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The TD Quoting Enclave identity (Intel PCS API v4, "Enclave Identity V2" with
 * {@code id = "TD_QE"}), parsed from the same raw bytes its signature covers.
 */
public record QeIdentity(
    SignedJson signed,
    Instant issueDate,
    Instant nextUpdate,
    byte[] miscSelect,
    byte[] miscSelectMask,
    byte[] attributes,
    byte[] attributesMask,
    byte[] mrSigner,
    int isvProdId,
    List<TcbInfo.ModuleLevel> levels) {

  static QeIdentity parse(byte[] json) throws TdxException {
    return parse(json, "TD_QE");
  }

  /** Parses an identity with {@code id} {@code expectedId}: {@code TD_QE}, or {@code QE} for SGX. */
  public static QeIdentity parse(byte[] json, String expectedId) throws TdxException {
    SignedJson signed = SignedJson.parse(json, "enclaveIdentity");
    JsonNode body = signed.body;
    if (!expectedId.equals(text(body, "id"))) {
      throw new TdxException(TdxException.Kind.COLLATERAL, "tdx.collateral",
            "enclaveIdentity is not the " + expectedId + " identity");
    }
    if (integer(body, "version") != 2) {
      throw new TdxException(TdxException.Kind.COLLATERAL, "tdx.collateral",
            "unsupported enclaveIdentity version (want 2)");
    }
    List<TcbInfo.ModuleLevel> levels = new ArrayList<>();
    for (JsonNode level : TcbInfo.bounded(field(body, "tcbLevels"))) {
      levels.add(new TcbInfo.ModuleLevel(integer(field(level, "tcb"), "isvsvn"),
          TcbStatus.fromJson(text(level, "tcbStatus"))));
    }
    return new QeIdentity(signed, instant(body, "issueDate"), instant(body, "nextUpdate"),
        hex(body, "miscselect", 4), hex(body, "miscselectMask", 4), hex(body, "attributes", 16),
        hex(body, "attributesMask", 16), hex(body, "mrsigner", 32), integer(body, "isvprodid"),
        List.copyOf(levels));
  }
}
