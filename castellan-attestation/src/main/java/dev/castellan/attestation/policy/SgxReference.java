package dev.castellan.attestation.policy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.SgxClaims;
import dev.castellan.attestation.TdxClaims.TcbStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reference values for Intel SGX enclaves (owned by the SGX verifier; may grow). See
 * {@code docs/policy/sgx.md}.
 *
 * <p>JSON: {@code {"mrEnclave": [hex32...], "mrSigner": [hex32...], "isvProdId": 0,
 * "minIsvSvn": 0, "requiredAttributes": hex16, "forbiddenAttributes": hex16,
 * "allowedTcbStatuses": ["UP_TO_DATE", ...], "acceptedAdvisoryIds": ["INTEL-SA-00615", ...]}}.
 * Attribute masks are the 16 ATTRIBUTES bytes as they appear in the report (FLAGS then XFRM,
 * little-endian): every bit set in {@code requiredAttributes} must be set, every bit set in
 * {@code forbiddenAttributes} must be clear.
 *
 * @param mrEnclave allowed MRENCLAVE values (the measurement)
 * @param mrSigner allowed MRSIGNER values
 * @param isvProdId the required ISVPRODID
 * @param minIsvSvn the lowest acceptable ISVSVN
 * @param requiredAttributes ATTRIBUTES bits that must be set
 * @param forbiddenAttributes ATTRIBUTES bits that must be clear
 * @param allowedTcbStatuses TCB statuses accepted; default UP_TO_DATE only
 * @param acceptedAdvisoryIds when present, every advisory ID of the claims must be listed
 */
public record SgxReference(
    List<ByteString> mrEnclave,
    List<ByteString> mrSigner,
    OptionalInt isvProdId,
    OptionalInt minIsvSvn,
    Optional<ByteString> requiredAttributes,
    Optional<ByteString> forbiddenAttributes,
    Set<TcbStatus> allowedTcbStatuses,
    Optional<Set<String>> acceptedAdvisoryIds) {
  public SgxReference {
    mrEnclave = List.copyOf(mrEnclave);
    mrSigner = List.copyOf(mrSigner);
    for (Optional<ByteString> mask : List.of(requiredAttributes, forbiddenAttributes)) {
      if (mask.isPresent() && mask.get().length() != SgxClaims.ATTRIBUTES_SIZE) {
        throw new IllegalArgumentException("attribute masks must be 16 bytes");
      }
    }
    if (allowedTcbStatuses.isEmpty()) {
      throw new IllegalArgumentException("allowedTcbStatuses must not be empty");
    }
    allowedTcbStatuses = Collections.unmodifiableSet(EnumSet.copyOf(allowedTcbStatuses));
    acceptedAdvisoryIds = acceptedAdvisoryIds.map(ids -> Collections.unmodifiableSet(
        new LinkedHashSet<>(ids)));
  }

  /** No reference values; TCB status must be UP_TO_DATE. */
  public static SgxReference any() {
    return new SgxReference(List.of(), List.of(), OptionalInt.empty(), OptionalInt.empty(),
        Optional.empty(), Optional.empty(), EnumSet.of(TcbStatus.UP_TO_DATE), Optional.empty());
  }

  /** A copy allowing exactly these MRENCLAVE values ({@code --measurement}). */
  public SgxReference withMrEnclave(List<ByteString> values) {
    return new SgxReference(values, mrSigner, isvProdId, minIsvSvn, requiredAttributes,
        forbiddenAttributes, allowedTcbStatuses, acceptedAdvisoryIds);
  }

  /**
   * A copy allowing exactly these TCB statuses ({@code --accept-tcb-status}).
   *
   * @throws IllegalArgumentException if {@code statuses} is empty
   */
  public SgxReference withAllowedTcbStatuses(Set<TcbStatus> statuses) {
    return new SgxReference(mrEnclave, mrSigner, isvProdId, minIsvSvn, requiredAttributes,
        forbiddenAttributes, statuses, acceptedAdvisoryIds);
  }

  public SgxReference withMrSigner(List<ByteString> values) {
    return new SgxReference(mrEnclave, values, isvProdId, minIsvSvn, requiredAttributes,
        forbiddenAttributes, allowedTcbStatuses, acceptedAdvisoryIds);
  }

  public SgxReference withIsvProdId(int value) {
    return new SgxReference(mrEnclave, mrSigner, OptionalInt.of(value), minIsvSvn,
        requiredAttributes, forbiddenAttributes, allowedTcbStatuses, acceptedAdvisoryIds);
  }

  public SgxReference withMinIsvSvn(int value) {
    return new SgxReference(mrEnclave, mrSigner, isvProdId, OptionalInt.of(value),
        requiredAttributes, forbiddenAttributes, allowedTcbStatuses, acceptedAdvisoryIds);
  }

  /** A copy with both attribute masks (16 bytes each, as in the report). */
  public SgxReference withAttributes(ByteString required, ByteString forbidden) {
    return new SgxReference(mrEnclave, mrSigner, isvProdId, minIsvSvn, Optional.of(required),
        Optional.of(forbidden), allowedTcbStatuses, acceptedAdvisoryIds);
  }

  public SgxReference withAcceptedAdvisoryIds(Set<String> ids) {
    return new SgxReference(mrEnclave, mrSigner, isvProdId, minIsvSvn, requiredAttributes,
        forbiddenAttributes, allowedTcbStatuses, Optional.of(ids));
  }

  static SgxReference fromJson(JsonNode node) throws PolicyException {
    PolicyJson.allowOnly(node, "sgx", "mrEnclave", "mrSigner", "isvProdId", "minIsvSvn",
        "requiredAttributes", "forbiddenAttributes", "allowedTcbStatuses", "acceptedAdvisoryIds");
    EnumSet<TcbStatus> statuses = EnumSet.noneOf(TcbStatus.class);
    for (String s : PolicyJson.strings(node, "allowedTcbStatuses")) {
      try {
        statuses.add(TcbStatus.valueOf(s.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new PolicyException(PolicyJson.CHECK, "unknown TCB status in sgx.allowedTcbStatuses");
      }
    }
    if (statuses.isEmpty()) {
      statuses.add(TcbStatus.UP_TO_DATE);
    }
    return new SgxReference(
        PolicyJson.hexList(node, "mrEnclave", 32),
        PolicyJson.hexList(node, "mrSigner", 32),
        optionalInt(node, "isvProdId"),
        optionalInt(node, "minIsvSvn"),
        mask(node, "requiredAttributes"),
        mask(node, "forbiddenAttributes"),
        statuses,
        node.get("acceptedAdvisoryIds") == null ? Optional.empty()
            : Optional.of(new LinkedHashSet<>(PolicyJson.strings(node, "acceptedAdvisoryIds"))));
  }

  private static OptionalInt optionalInt(JsonNode node, String name) throws PolicyException {
    return node.get(name) == null ? OptionalInt.empty()
        : OptionalInt.of(PolicyJson.integer(node, name, 0));
  }

  private static Optional<ByteString> mask(JsonNode node, String name) throws PolicyException {
    JsonNode value = node.get(name);
    return value == null ? Optional.empty()
        : Optional.of(PolicyJson.hex(value, name, SgxClaims.ATTRIBUTES_SIZE));
  }

  /** Measurement, identity, attribute, TCB-status and advisory checks. */
  public List<Check> appraise(SgxClaims claims) {
    ReferenceChecks refs = new ReferenceChecks("sgx")
        .measurement("MRENCLAVE", mrEnclave, Optional.of(claims.mrEnclave()))
        .oneOf("mrsigner", "MRSIGNER", mrSigner, claims.mrSigner());
    if (isvProdId.isPresent()) {
      refs.rule("isv-prod-id", claims.isvProdId() == isvProdId.getAsInt(),
          "ISVPRODID " + claims.isvProdId() + (claims.isvProdId() == isvProdId.getAsInt()
              ? " is the required one" : " is not the required " + isvProdId.getAsInt()));
    } else {
      refs.unpinned("ISVPRODID");
    }
    if (minIsvSvn.isPresent()) {
      boolean meets = claims.isvSvn() >= minIsvSvn.getAsInt();
      refs.rule("isv-svn", meets, "ISVSVN " + claims.isvSvn() + (meets ? " >= " : " < ")
          + "minimum " + minIsvSvn.getAsInt());
    } else {
      refs.unpinned("minimum ISVSVN");
    }
    attributes(refs, claims.attributes());
    refs.rule("tcb-status", allowedTcbStatuses.contains(claims.tcbStatus()),
        "TCB status " + claims.tcbStatus() + (allowedTcbStatuses.contains(claims.tcbStatus())
            ? " is allowed" : " is not in " + allowedTcbStatuses));
    if (acceptedAdvisoryIds.isPresent()) {
      List<String> unaccepted = new ArrayList<>(claims.advisoryIds());
      unaccepted.removeAll(acceptedAdvisoryIds.get());
      refs.rule("advisory-ids", unaccepted.isEmpty(), unaccepted.isEmpty()
          ? claims.advisoryIds().size() + " advisory IDs, all accepted"
          : "advisory IDs not accepted: " + String.join(", ", unaccepted));
    } else {
      refs.unpinned("accepted advisory IDs");
    }
    return refs.result();
  }

  private void attributes(ReferenceChecks refs, ByteString actual) {
    if (requiredAttributes.isPresent()) {
      ByteString missing = and(requiredAttributes.get(), actual, false);
      refs.rule("attributes.required", missing.isAllZero(), missing.isAllZero()
          ? "every required ATTRIBUTES bit is set"
          : "required ATTRIBUTES bits are clear: mask " + missing.hex());
    } else {
      refs.unpinned("required ATTRIBUTES");
    }
    if (forbiddenAttributes.isPresent()) {
      ByteString set = and(forbiddenAttributes.get(), actual, true);
      refs.rule("attributes.forbidden", set.isAllZero(), set.isAllZero()
          ? "no forbidden ATTRIBUTES bit is set"
          : "forbidden ATTRIBUTES bits are set: mask " + set.hex());
    } else {
      refs.unpinned("forbidden ATTRIBUTES");
    }
  }

  /** {@code mask & actual} ({@code set}) or {@code mask & ~actual} (not {@code set}). */
  private static ByteString and(ByteString mask, ByteString actual, boolean set) {
    byte[] out = new byte[mask.length()];
    for (int i = 0; i < out.length; i++) {
      int a = actual.byteAt(i);
      out[i] = (byte) (mask.byteAt(i) & (set ? a : ~a));
    }
    return ByteString.of(out);
  }
}
