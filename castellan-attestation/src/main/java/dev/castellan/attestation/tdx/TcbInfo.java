package dev.castellan.attestation.tdx;

import static dev.castellan.attestation.tdx.SignedJson.field;
import static dev.castellan.attestation.tdx.SignedJson.hex;
import static dev.castellan.attestation.tdx.SignedJson.instant;
import static dev.castellan.attestation.tdx.SignedJson.integer;
import static dev.castellan.attestation.tdx.SignedJson.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * TDX TCB Info (Intel PCS API v4, "TCB Info V3" with {@code id = "TDX"}), parsed from the same
 * raw bytes that its signature covers. Package-private: callers pass raw collateral in
 * {@link TdxCollateral}.
 */
record TcbInfo(
    SignedJson signed,
    Instant issueDate,
    Instant nextUpdate,
    byte[] fmspc,
    byte[] pceId,
    int evaluationDataNumber,
    ModuleIdentity tdxModule,
    List<ModuleIdentity> tdxModuleIdentities,
    List<Level> levels) {

  /** A TDX module identity: expected MRSIGNER_SEAM and SEAM attributes, with TCB levels. */
  record ModuleIdentity(
      String id, byte[] mrSigner, byte[] attributes, byte[] attributesMask,
      List<ModuleLevel> levels) {}

  record ModuleLevel(int isvSvn, TcbStatus status) {}

  /** One TCB level: sixteen SGX component SVNs, PCE SVN, sixteen TDX component SVNs. */
  record Level(int[] sgxComponents, int pceSvn, int[] tdxComponents, TcbStatus status,
      List<String> advisoryIds) {}

  private static final int MAX_LEVELS = 256;

  static TcbInfo parse(byte[] json) throws TdxException {
    SignedJson signed = SignedJson.parse(json, "tcbInfo");
    JsonNode body = signed.body;
    if (!"TDX".equals(text(body, "id"))) {
      throw new TdxException(TdxException.Kind.COLLATERAL, "tdx.collateral",
            "tcbInfo is not for TDX");
    }
    int version = integer(body, "version");
    if (version != 3) {
      throw new TdxException(TdxException.Kind.COLLATERAL, "tdx.collateral",
            
          String.format(Locale.ROOT, "unsupported TDX tcbInfo version %d (want 3)", version));
    }
    List<ModuleIdentity> identities = new ArrayList<>();
    JsonNode identitiesNode = body.get("tdxModuleIdentities");
    if (identitiesNode != null) {
      for (JsonNode node : bounded(identitiesNode)) {
        List<ModuleLevel> levels = new ArrayList<>();
        for (JsonNode level : bounded(field(node, "tcbLevels"))) {
          levels.add(new ModuleLevel(integer(field(level, "tcb"), "isvsvn"),
              TcbStatus.fromJson(text(level, "tcbStatus"))));
        }
        identities.add(module(node, text(node, "id"), levels));
      }
    }
    List<Level> levels = new ArrayList<>();
    for (JsonNode level : bounded(field(body, "tcbLevels"))) {
      JsonNode tcb = field(level, "tcb");
      List<String> advisories = new ArrayList<>();
      JsonNode advisoryNode = level.get("advisoryIDs");
      if (advisoryNode != null) {
        for (JsonNode id : bounded(advisoryNode)) {
          advisories.add(id.asString());
        }
      }
      levels.add(new Level(components(tcb, "sgxtcbcomponents"), integer(tcb, "pcesvn"),
          components(tcb, "tdxtcbcomponents"), TcbStatus.fromJson(text(level, "tcbStatus")),
          List.copyOf(advisories)));
    }
    return new TcbInfo(signed, instant(body, "issueDate"), instant(body, "nextUpdate"),
        hex(body, "fmspc", 6), hex(body, "pceId", 2), integer(body, "tcbEvaluationDataNumber"),
        module(field(body, "tdxModule"), "", List.of()), List.copyOf(identities),
        List.copyOf(levels));
  }

  private static ModuleIdentity module(JsonNode node, String id, List<ModuleLevel> levels)
      throws TdxException {
    return new ModuleIdentity(id, hex(node, "mrsigner", 48), hex(node, "attributes", 8),
        hex(node, "attributesMask", 8), List.copyOf(levels));
  }

  private static int[] components(JsonNode tcb, String name) throws TdxException {
    JsonNode array = field(tcb, name);
    if (!array.isArray() || array.size() != 16) {
      throw new TdxException(TdxException.Kind.COLLATERAL, "tdx.collateral",
            "tcbInfo " + name + " must list 16 components");
    }
    int[] svns = new int[16];
    for (int i = 0; i < 16; i++) {
      svns[i] = integer(array.get(i), "svn");
    }
    return svns;
  }

  static Iterable<JsonNode> bounded(JsonNode array) throws TdxException {
    if (!array.isArray() || array.size() > MAX_LEVELS) {
      throw new TdxException(TdxException.Kind.COLLATERAL, "tdx.collateral",
            "collateral list is not an array of at most 256 entries");
    }
    return array;
  }
}
