package dev.castellan.attestation.sgx;

import static dev.castellan.attestation.tdx.SignedJson.field;
import static dev.castellan.attestation.tdx.SignedJson.hex;
import static dev.castellan.attestation.tdx.SignedJson.instant;
import static dev.castellan.attestation.tdx.SignedJson.integer;
import static dev.castellan.attestation.tdx.SignedJson.text;

import dev.castellan.attestation.PlatformException;
import dev.castellan.attestation.tdx.SignedJson;
import dev.castellan.attestation.tdx.TcbStatus;
import dev.castellan.attestation.tdx.TdxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * SGX TCB Info (Intel PCS API v4, "TCB Info V3" with {@code id = "SGX"}), parsed from the same
 * raw bytes its signature covers. Unlike the TDX variant, a level holds only the sixteen SGX
 * TCB component SVNs and the PCE SVN.
 */
record SgxTcbInfo(
    SignedJson signed,
    Instant issueDate,
    Instant nextUpdate,
    byte[] fmspc,
    byte[] pceId,
    int evaluationDataNumber,
    List<Level> levels) {

  /** One TCB level: sixteen SGX component SVNs and the PCE SVN, with its status. */
  record Level(int[] sgxComponents, int pceSvn, TcbStatus status, List<String> advisoryIds) {}

  /** A list in Intel collateral holds a few dozen entries; 256 bounds the parse. */
  static final int MAX_ENTRIES = 256;

  private static final String CHECK = "sgx.collateral";

  static SgxTcbInfo parse(byte[] json) throws PlatformException {
    SignedJson signed = SignedJson.parse(json, "tcbInfo");
    JsonNode body = signed.body();
    if (!"SGX".equals(text(body, "id"))) {
      throw new SgxException(PlatformException.Kind.COLLATERAL, CHECK, "tcbInfo is not for SGX");
    }
    int version = integer(body, "version");
    if (version != 3) {
      throw new SgxException(PlatformException.Kind.COLLATERAL, CHECK,
          String.format(Locale.ROOT, "unsupported SGX tcbInfo version %d (want 3)", version));
    }
    if (integer(body, "tcbType") != 0) {
      throw new SgxException(PlatformException.Kind.COLLATERAL, CHECK,
          "unsupported tcbType (want 0: sixteen SGX components and the PCE SVN)");
    }
    List<Level> levels = new ArrayList<>();
    for (JsonNode level : bounded(field(body, "tcbLevels"))) {
      JsonNode tcb = field(level, "tcb");
      levels.add(new Level(components(tcb), integer(tcb, "pcesvn"),
          TcbStatus.fromJson(text(level, "tcbStatus")), advisories(level)));
    }
    return new SgxTcbInfo(signed, instant(body, "issueDate"), instant(body, "nextUpdate"),
        hex(body, "fmspc", 6), hex(body, "pceId", 2), integer(body, "tcbEvaluationDataNumber"),
        List.copyOf(levels));
  }

  /** The {@code advisoryIDs} of a TCB Info or QE Identity level; empty when absent. */
  static List<String> advisories(JsonNode level) throws PlatformException {
    JsonNode node = level.get("advisoryIDs");
    if (node == null) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode id : bounded(node)) {
      if (!id.isString()) {
        throw new SgxException(PlatformException.Kind.COLLATERAL, CHECK,
            "advisoryIDs must be strings");
      }
      ids.add(id.stringValue());
    }
    return List.copyOf(ids);
  }

  private static int[] components(JsonNode tcb) throws TdxException, SgxException {
    JsonNode array = field(tcb, "sgxtcbcomponents");
    if (!array.isArray() || array.size() != 16) {
      throw new SgxException(PlatformException.Kind.COLLATERAL, CHECK,
          "tcbInfo sgxtcbcomponents must list 16 components");
    }
    int[] svns = new int[16];
    for (int i = 0; i < 16; i++) {
      svns[i] = integer(array.get(i), "svn");
    }
    return svns;
  }

  static Iterable<JsonNode> bounded(JsonNode array) throws SgxException {
    if (!array.isArray() || array.size() > MAX_ENTRIES) {
      throw new SgxException(PlatformException.Kind.COLLATERAL, CHECK,
          "collateral list is not an array of at most 256 entries");
    }
    return array;
  }
}
