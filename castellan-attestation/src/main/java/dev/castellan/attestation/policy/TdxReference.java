package dev.castellan.attestation.policy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.TdxClaims;
import dev.castellan.attestation.TdxClaims.TcbStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Reference values for Intel TDX: policy JSON {@code tdx.*}, documented key by key in
 * {@code docs/policy/tdx.md}. Every value is optional; a configured value gives a PASS or FAIL
 * check {@code policy.tdx.<name>}, an unconfigured one is named in the {@code
 * policy.tdx.unpinned} SKIP (MRTD, the launch measurement, gives {@code policy.tdx.measurement},
 * refused by default when not pinned). The TCB status (default UP_TO_DATE only) and trailing
 * data (default refused) are always judged.
 *
 * @param mrTd allowed MRTD values (the measurement)
 * @param rtmrs allowed values per RTMR index 0..3, each index optional
 * @param mrConfigId allowed MRCONFIGID values
 * @param mrOwner allowed MROWNER values
 * @param mrOwnerConfig allowed MROWNERCONFIG values
 * @param mrSeam allowed MRSEAM values (TDX module measurements)
 * @param mrSignerSeam allowed MRSIGNERSEAM values (zero for Intel's module)
 * @param seamAttributes allowed SEAM attributes values (8 bytes as in the report)
 * @param tdAttributesRequired TD_ATTRIBUTES bits that must be set (e.g. SEPT_VE_DISABLE)
 * @param tdAttributesForbidden TD_ATTRIBUTES bits that must be clear
 * @param xfam the required XFAM under a mask, empty when not pinned
 * @param minTeeTcbSvn minimum TEE_TCB_SVN, compared per component byte, empty when not pinned
 * @param fmspc allowed FMSPC values of the PCK certificate
 * @param qeVendorId allowed QE vendor IDs
 * @param allowedTcbStatuses TCB statuses accepted; default UP_TO_DATE only
 * @param acceptedAdvisoryIds Intel advisory IDs accepted on the matched TCB level; when
 *     present, any other advisory fails (and an unevaluated TCB fails); empty when not pinned
 * @param minTcbEvaluationDataNumber minimum tcbEvaluationDataNumber of the TCB Info
 * @param tdxModuleIdentities allowed {@code tdxModuleIdentities} ids of TCB Info (e.g. {@code
 *     TDX_01}) that must have judged the TDX module
 * @param allowTrailingData accept bytes after the quote's declared end (never signed; some
 *     quote sources pad their buffers); default false
 */
public record TdxReference(
    List<ByteString> mrTd,
    SortedMap<Integer, List<ByteString>> rtmrs,
    List<ByteString> mrConfigId,
    List<ByteString> mrOwner,
    List<ByteString> mrOwnerConfig,
    List<ByteString> mrSeam,
    List<ByteString> mrSignerSeam,
    List<ByteString> seamAttributes,
    long tdAttributesRequired,
    long tdAttributesForbidden,
    Optional<MaskedValue> xfam,
    Optional<ByteString> minTeeTcbSvn,
    List<ByteString> fmspc,
    List<ByteString> qeVendorId,
    Set<TcbStatus> allowedTcbStatuses,
    Optional<Set<String>> acceptedAdvisoryIds,
    OptionalInt minTcbEvaluationDataNumber,
    List<String> tdxModuleIdentities,
    boolean allowTrailingData) {

  /** A 64-bit field value under a mask: {@code (field & mask) == (value & mask)}. */
  public record MaskedValue(long value, long mask) {
    public boolean matches(long field) {
      return (field & mask) == (value & mask);
    }
  }

  public TdxReference {
    mrTd = List.copyOf(mrTd);
    TreeMap<Integer, List<ByteString>> copy = new TreeMap<>();
    rtmrs.forEach((k, v) -> {
      if (k < 0 || k > 3) {
        throw new IllegalArgumentException("RTMR index must be 0..3");
      }
      copy.put(k, List.copyOf(v));
    });
    rtmrs = Collections.unmodifiableSortedMap(copy);
    mrConfigId = List.copyOf(mrConfigId);
    mrOwner = List.copyOf(mrOwner);
    mrOwnerConfig = List.copyOf(mrOwnerConfig);
    mrSeam = List.copyOf(mrSeam);
    mrSignerSeam = List.copyOf(mrSignerSeam);
    seamAttributes = List.copyOf(seamAttributes);
    if ((tdAttributesRequired & tdAttributesForbidden) != 0) {
      throw new IllegalArgumentException("a TD attribute cannot be both required and forbidden");
    }
    fmspc = List.copyOf(fmspc);
    qeVendorId = List.copyOf(qeVendorId);
    allowedTcbStatuses = allowedTcbStatuses.isEmpty() ? Set.of()
        : Collections.unmodifiableSet(EnumSet.copyOf(allowedTcbStatuses));
    acceptedAdvisoryIds = acceptedAdvisoryIds.map(ids -> Collections.unmodifiableSet(new TreeSet<>(ids)));
    tdxModuleIdentities = List.copyOf(tdxModuleIdentities);
  }

  /** The pins of the first version of this record; everything else unpinned. */
  public TdxReference(
      List<ByteString> mrTd,
      List<ByteString> mrConfigId,
      List<ByteString> mrOwner,
      SortedMap<Integer, List<ByteString>> rtmrs,
      Set<TcbStatus> allowedTcbStatuses,
      boolean allowTrailingData) {
    this(mrTd, rtmrs, mrConfigId, mrOwner, List.of(), List.of(), List.of(), List.of(), 0, 0,
        Optional.empty(), Optional.empty(), List.of(), List.of(), allowedTcbStatuses,
        Optional.empty(), OptionalInt.empty(), List.of(), allowTrailingData);
  }

  /** As above, without trailing data allowed. */
  public TdxReference(
      List<ByteString> mrTd,
      List<ByteString> mrConfigId,
      List<ByteString> mrOwner,
      SortedMap<Integer, List<ByteString>> rtmrs,
      Set<TcbStatus> allowedTcbStatuses) {
    this(mrTd, mrConfigId, mrOwner, rtmrs, allowedTcbStatuses, false);
  }

  /** No reference values; TCB status must be UP_TO_DATE; no trailing data. */
  public static TdxReference any() {
    return new TdxReference(
        List.of(), List.of(), List.of(), new TreeMap<>(), EnumSet.of(TcbStatus.UP_TO_DATE));
  }

  static TdxReference fromJson(JsonNode node) throws PolicyException {
    return TdxReferenceJson.parse(node);
  }

  // Withers (the CLI flags build on these). Each returns a copy with one value replaced.

  public TdxReference withMrTd(List<ByteString> values) {
    return with(b -> b.mrTd = values);
  }

  /** A copy with RTMR {@code index} (0..3) pinned to {@code values}; empty unpins it. */
  public TdxReference withRtmr(int index, List<ByteString> values) {
    if (index < 0 || index > 3) {
      throw new IllegalArgumentException("RTMR index must be 0..3");
    }
    return with(b -> {
      TreeMap<Integer, List<ByteString>> map = new TreeMap<>(b.rtmrs);
      if (values.isEmpty()) {
        map.remove(index);
      } else {
        map.put(index, values);
      }
      b.rtmrs = map;
    });
  }

  public TdxReference withMrConfigId(List<ByteString> values) {
    return with(b -> b.mrConfigId = values);
  }

  public TdxReference withMrOwner(List<ByteString> values) {
    return with(b -> b.mrOwner = values);
  }

  public TdxReference withMrOwnerConfig(List<ByteString> values) {
    return with(b -> b.mrOwnerConfig = values);
  }

  public TdxReference withMrSeam(List<ByteString> values) {
    return with(b -> b.mrSeam = values);
  }

  public TdxReference withMrSignerSeam(List<ByteString> values) {
    return with(b -> b.mrSignerSeam = values);
  }

  public TdxReference withSeamAttributes(List<ByteString> values) {
    return with(b -> b.seamAttributes = values);
  }

  /** TD_ATTRIBUTES bit masks (bit 0 = DEBUG, bit 28 = SEPT_VE_DISABLE, ...). */
  public TdxReference withTdAttributes(long required, long forbidden) {
    return with(b -> {
      b.tdAttributesRequired = required;
      b.tdAttributesForbidden = forbidden;
    });
  }

  /**
   * A TCB status by its policy spelling, Intel's ({@code SWHardeningNeeded}) or the enum's
   * ({@code SW_HARDENING_NEEDED}); shared by TDX and SGX policies and the CLI.
   *
   * @throws PolicyException naming the unknown status
   */
  public static TcbStatus tcbStatus(String name) throws PolicyException {
    return TdxReferenceJson.status(name);
  }

  /** XFAM must equal {@code value} on the bits of {@code mask} (all ones: exact). */
  public TdxReference withXfam(long value, long mask) {
    return with(b -> b.xfam = Optional.of(new MaskedValue(value, mask)));
  }

  public TdxReference withMinTeeTcbSvn(ByteString minimum) {
    if (minimum.length() != 16) {
      throw new IllegalArgumentException("TEE_TCB_SVN is 16 bytes");
    }
    return with(b -> b.minTeeTcbSvn = Optional.of(minimum));
  }

  public TdxReference withFmspc(List<ByteString> values) {
    return with(b -> b.fmspc = values);
  }

  public TdxReference withQeVendorId(List<ByteString> values) {
    return with(b -> b.qeVendorId = values);
  }

  public TdxReference withAllowedTcbStatuses(Set<TcbStatus> statuses) {
    if (statuses.isEmpty()) {
      throw new IllegalArgumentException("at least one TCB status must be allowed");
    }
    return with(b -> b.allowedTcbStatuses = statuses);
  }

  /** Pins the accepted advisory IDs; an empty set accepts no advisory at all. */
  public TdxReference withAcceptedAdvisoryIds(Set<String> ids) {
    return with(b -> b.acceptedAdvisoryIds = Optional.of(ids));
  }

  public TdxReference withMinTcbEvaluationDataNumber(int minimum) {
    return with(b -> b.minTcbEvaluationDataNumber = OptionalInt.of(minimum));
  }

  public TdxReference withTdxModuleIdentities(List<String> ids) {
    return with(b -> b.tdxModuleIdentities = ids);
  }

  public TdxReference withAllowTrailingData(boolean allow) {
    return with(b -> b.allowTrailingData = allow);
  }

  /** Every reference value and limit, as checks (see the class comment). */
  public List<Check> appraise(TdxClaims claims) {
    return TdxAppraisal.checks(this, claims);
  }

  private TdxReference with(java.util.function.Consumer<Builder> change) {
    Builder b = new Builder(this);
    change.accept(b);
    return b.build();
  }

  /** A mutable copy, for the withers and the JSON reader. */
  static final class Builder {
    List<ByteString> mrTd;
    SortedMap<Integer, List<ByteString>> rtmrs;
    List<ByteString> mrConfigId;
    List<ByteString> mrOwner;
    List<ByteString> mrOwnerConfig;
    List<ByteString> mrSeam;
    List<ByteString> mrSignerSeam;
    List<ByteString> seamAttributes;
    long tdAttributesRequired;
    long tdAttributesForbidden;
    Optional<MaskedValue> xfam;
    Optional<ByteString> minTeeTcbSvn;
    List<ByteString> fmspc;
    List<ByteString> qeVendorId;
    Set<TcbStatus> allowedTcbStatuses;
    Optional<Set<String>> acceptedAdvisoryIds;
    OptionalInt minTcbEvaluationDataNumber;
    List<String> tdxModuleIdentities;
    boolean allowTrailingData;

    Builder(TdxReference r) {
      mrTd = r.mrTd;
      rtmrs = r.rtmrs;
      mrConfigId = r.mrConfigId;
      mrOwner = r.mrOwner;
      mrOwnerConfig = r.mrOwnerConfig;
      mrSeam = r.mrSeam;
      mrSignerSeam = r.mrSignerSeam;
      seamAttributes = r.seamAttributes;
      tdAttributesRequired = r.tdAttributesRequired;
      tdAttributesForbidden = r.tdAttributesForbidden;
      xfam = r.xfam;
      minTeeTcbSvn = r.minTeeTcbSvn;
      fmspc = r.fmspc;
      qeVendorId = r.qeVendorId;
      allowedTcbStatuses = r.allowedTcbStatuses;
      acceptedAdvisoryIds = r.acceptedAdvisoryIds;
      minTcbEvaluationDataNumber = r.minTcbEvaluationDataNumber;
      tdxModuleIdentities = r.tdxModuleIdentities;
      allowTrailingData = r.allowTrailingData;
    }

    TdxReference build() {
      return new TdxReference(mrTd, rtmrs, mrConfigId, mrOwner, mrOwnerConfig, mrSeam,
          mrSignerSeam, seamAttributes, tdAttributesRequired, tdAttributesForbidden, xfam,
          minTeeTcbSvn, fmspc, qeVendorId, allowedTcbStatuses, acceptedAdvisoryIds, minTcbEvaluationDataNumber, tdxModuleIdentities,
          allowTrailingData);
    }
  }
}
