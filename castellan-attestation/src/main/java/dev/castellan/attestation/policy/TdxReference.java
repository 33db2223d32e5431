package dev.castellan.attestation.policy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.TdxClaims;
import dev.castellan.attestation.TdxClaims.TcbStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Reference values for Intel TDX (owned by the TDX verifier; may grow).
 *
 * <p>JSON: {@code {"mrTd": [hex48...], "mrConfigId": [...], "mrOwner": [...], "rtmrs":
 * {"0": [hex48...]}, "allowedTcbStatuses": ["UP_TO_DATE", ...], "allowTrailingData": false}}.
 *
 * @param mrTd allowed MRTD values
 * @param mrConfigId allowed MRCONFIGID values
 * @param mrOwner allowed MROWNER values
 * @param rtmrs allowed values per RTMR index (0..3)
 * @param allowedTcbStatuses TCB statuses accepted; default UP_TO_DATE only
 * @param allowTrailingData accept bytes after the quote's declared end (never signed; some
 *     quote sources pad their buffers); default false
 */
public record TdxReference(
    List<ByteString> mrTd,
    List<ByteString> mrConfigId,
    List<ByteString> mrOwner,
    SortedMap<Integer, List<ByteString>> rtmrs,
    Set<TcbStatus> allowedTcbStatuses,
    boolean allowTrailingData) {
  public TdxReference {
    mrTd = List.copyOf(mrTd);
    mrConfigId = List.copyOf(mrConfigId);
    mrOwner = List.copyOf(mrOwner);
    TreeMap<Integer, List<ByteString>> copy = new TreeMap<>();
    rtmrs.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    rtmrs = Collections.unmodifiableSortedMap(copy);
    allowedTcbStatuses = Collections.unmodifiableSet(EnumSet.copyOf(allowedTcbStatuses));
  }

  /** Reference values without trailing data allowed. */
  public TdxReference(
      List<ByteString> mrTd,
      List<ByteString> mrConfigId,
      List<ByteString> mrOwner,
      SortedMap<Integer, List<ByteString>> rtmrs,
      Set<TcbStatus> allowedTcbStatuses) {
    this(mrTd, mrConfigId, mrOwner, rtmrs, allowedTcbStatuses, false);
  }

  /** A copy with {@code allowTrailingData} set. */
  public TdxReference withAllowTrailingData(boolean allow) {
    return new TdxReference(mrTd, mrConfigId, mrOwner, rtmrs, allowedTcbStatuses, allow);
  }

  /** No reference values; TCB status must be UP_TO_DATE. */
  public static TdxReference any() {
    return new TdxReference(
        List.of(), List.of(), List.of(), new TreeMap<>(), EnumSet.of(TcbStatus.UP_TO_DATE));
  }

  static TdxReference fromJson(JsonNode node) throws PolicyException {
    PolicyJson.allowOnly(node, "tdx", "mrTd", "mrConfigId", "mrOwner", "rtmrs", "allowedTcbStatuses", "allowTrailingData");
    EnumSet<TcbStatus> statuses = EnumSet.noneOf(TcbStatus.class);
    for (String s : PolicyJson.strings(node, "allowedTcbStatuses")) {
      try {
        statuses.add(TcbStatus.valueOf(s.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new PolicyException(PolicyJson.CHECK, "unknown TCB status in allowedTcbStatuses");
      }
    }
    if (node.get("allowedTcbStatuses") == null) {
      statuses.add(TcbStatus.UP_TO_DATE);
    }
    return new TdxReference(
        PolicyJson.hexList(node, "mrTd", 48),
        PolicyJson.hexList(node, "mrConfigId", 48),
        PolicyJson.hexList(node, "mrOwner", 48),
        PolicyJson.registerMap(node, "rtmrs", 3, 48),
        statuses.isEmpty() ? EnumSet.of(TcbStatus.UP_TO_DATE) : statuses,
        PolicyJson.bool(node, "allowTrailingData", false));
  }

  /** Measurement and TCB-status checks. */
  public List<Check> appraise(TdxClaims claims) {
    ReferenceChecks refs = new ReferenceChecks("tdx")
        .measurement("MRTD", mrTd, Optional.of(claims.mrTd()))
        .oneOf("mrconfigid", "MRCONFIGID", mrConfigId, claims.mrConfigId())
        .oneOf("mrowner", "MROWNER", mrOwner, claims.mrOwner())
        .registers("rtmr", "RTMR", rtmrs,
            i -> i < claims.rtmrs().size() ? Optional.of(claims.rtmrs().get(i)) : Optional.empty());
    List<Check> out = new ArrayList<>(refs.result());
    out.add(
        allowedTcbStatuses.contains(claims.tcbStatus())
            ? Check.pass("policy.tdx.tcb-status", "TCB status " + claims.tcbStatus() + " is allowed")
            : Check.fail(
                "policy.tdx.tcb-status",
                "TCB status " + claims.tcbStatus() + " is not in " + allowedTcbStatuses));
    out.add(
        claims.trailingBytes() == 0 || allowTrailingData
            ? Check.pass("policy.tdx.trailing-data", claims.trailingBytes() + " trailing bytes")
            : Check.fail(
                "policy.tdx.trailing-data",
                claims.trailingBytes() + " bytes follow the quote and trailing data is not allowed"));
    return out;
  }
}
