package dev.castellan.attestation.policy;

import static dev.castellan.attestation.policy.PolicyJson.CHECK;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.SafeText;
import dev.castellan.attestation.TdxClaims.TcbStatus;
import dev.castellan.attestation.tdx.TdAttributes;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads the {@code tdx} member of a policy (keys in {@code docs/policy/tdx.md}). */
final class TdxReferenceJson {
  private static final String[] KEYS = {
    "mrTd", "rtmrs", "mrConfigId", "mrOwner", "mrOwnerConfig", "mrSeam", "mrSignerSeam",
    "seamAttributes", "tdAttributesRequired", "tdAttributesForbidden", "xfam", "xfamMask",
    "minTeeTcbSvn", "fmspc", "qeVendorId", "allowedTcbStatuses", "acceptedAdvisoryIds",
    "minTcbEvaluationDataNumber", "tdxModuleIdentities", "allowTrailingData"
  };

  private TdxReferenceJson() {}

  static TdxReference parse(JsonNode node) throws PolicyException {
    PolicyJson.allowOnly(node, "tdx", KEYS);
    TdxReference.Builder b = new TdxReference.Builder(TdxReference.any());
    b.mrTd = PolicyJson.hexList(node, "mrTd", 48);
    b.rtmrs = PolicyJson.registerMap(node, "rtmrs", 3, 48);
    b.mrConfigId = PolicyJson.hexList(node, "mrConfigId", 48);
    b.mrOwner = PolicyJson.hexList(node, "mrOwner", 48);
    b.mrOwnerConfig = PolicyJson.hexList(node, "mrOwnerConfig", 48);
    b.mrSeam = PolicyJson.hexList(node, "mrSeam", 48);
    b.mrSignerSeam = PolicyJson.hexList(node, "mrSignerSeam", 48);
    b.seamAttributes = PolicyJson.hexList(node, "seamAttributes", 8);
    b.tdAttributesRequired = attributeBits(node, "tdAttributesRequired");
    b.tdAttributesForbidden = attributeBits(node, "tdAttributesForbidden");
    if ((b.tdAttributesRequired & b.tdAttributesForbidden) != 0) {
      throw new PolicyException(CHECK, "a TD attribute is both required and forbidden: "
          + TdAttributes.describeAll(b.tdAttributesRequired & b.tdAttributesForbidden));
    }
    if (node.get("xfam") != null) {
      long mask = node.get("xfamMask") == null ? -1L : number(node.get("xfamMask"), "xfamMask");
      b.xfam = Optional.of(new TdxReference.MaskedValue(number(node.get("xfam"), "xfam"), mask));
    } else if (node.get("xfamMask") != null) {
      throw new PolicyException(CHECK, "xfamMask needs xfam");
    }
    if (node.get("minTeeTcbSvn") != null) {
      b.minTeeTcbSvn = Optional.of(PolicyJson.hex(node.get("minTeeTcbSvn"), "minTeeTcbSvn", 16));
    }
    b.fmspc = PolicyJson.hexList(node, "fmspc", 6);
    b.qeVendorId = PolicyJson.hexList(node, "qeVendorId", 16);
    EnumSet<TcbStatus> statuses = EnumSet.noneOf(TcbStatus.class);
    for (String s : PolicyJson.strings(node, "allowedTcbStatuses")) {
      statuses.add(status(s));
    }
    if (node.get("allowedTcbStatuses") != null && statuses.isEmpty()) {
      throw new PolicyException(CHECK, "allowedTcbStatuses must name at least one status");
    }
    b.allowedTcbStatuses = statuses.isEmpty() ? EnumSet.of(TcbStatus.UP_TO_DATE) : statuses;
    if (node.get("acceptedAdvisoryIds") != null) {
      b.acceptedAdvisoryIds = Optional.of(
          Set.copyOf(PolicyJson.strings(node, "acceptedAdvisoryIds")));
    }
    if (node.get("minTcbEvaluationDataNumber") != null) {
      b.minTcbEvaluationDataNumber =
          OptionalInt.of(PolicyJson.integer(node, "minTcbEvaluationDataNumber", 0));
    }
    b.tdxModuleIdentities = PolicyJson.strings(node, "tdxModuleIdentities");
    b.allowTrailingData = PolicyJson.bool(node, "allowTrailingData", false);
    return b.build();
  }

  /**
   * TCB status names as Intel writes them ({@code UpToDate}, {@code OutOfDate}, ...) or as the
   * enum constants ({@code UP_TO_DATE}); NOT_EVALUATED only by its constant.
   */
  static TcbStatus status(String name) throws PolicyException {
    for (TcbStatus status : TcbStatus.values()) {
      if (status.name().equals(name.toUpperCase(Locale.ROOT)) || intelName(status).equals(name)) {
        return status;
      }
    }
    throw new PolicyException(CHECK, "unknown TCB status " + SafeText.escape(name)
        + " in allowedTcbStatuses");
  }

  private static String intelName(TcbStatus status) {
    return switch (status) {
      case UP_TO_DATE -> "UpToDate";
      case SW_HARDENING_NEEDED -> "SWHardeningNeeded";
      case CONFIGURATION_NEEDED -> "ConfigurationNeeded";
      case CONFIGURATION_AND_SW_HARDENING_NEEDED -> "ConfigurationAndSWHardeningNeeded";
      case OUT_OF_DATE -> "OutOfDate";
      case OUT_OF_DATE_CONFIGURATION_NEEDED -> "OutOfDateConfigurationNeeded";
      case REVOKED -> "Revoked";
      case NOT_EVALUATED -> "NOT_EVALUATED";
    };
  }

  /** A list of TD_ATTRIBUTES bits, each a name ({@code SEPT_VE_DISABLE}) or a number 0..63. */
  private static long attributeBits(JsonNode node, String name) throws PolicyException {
    long mask = 0;
    for (JsonNode item : PolicyJson.array(node, name)) {
      int bit;
      if (item.isString()) {
        bit = TdAttributes.bit(item.stringValue());
        if (bit < 0) {
          throw new PolicyException(CHECK, name + ": unknown TD attribute "
              + SafeText.escape(item.stringValue()));
        }
      } else if (item.isIntegralNumber() && item.canConvertToInt()
          && item.intValue() >= 0 && item.intValue() < 64) {
        bit = item.intValue();
      } else {
        throw new PolicyException(CHECK, name + " values must be attribute names or bits 0..63");
      }
      mask |= 1L << bit;
    }
    return mask;
  }

  /** A 64-bit number written as a hex string ({@code "0x618e7"} or {@code "618e7"}). */
  private static long number(JsonNode item, String name) throws PolicyException {
    if (!item.isString()) {
      throw new PolicyException(CHECK, name + " must be a hex string such as \"0x00000000000618e7\"");
    }
    String text = item.stringValue();
    String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    if (digits.isEmpty() || digits.length() > 16 || !digits.matches("[0-9a-fA-F]+")) {
      throw new PolicyException(CHECK, name + " must be a hex number of at most 64 bits");
    }
    return Long.parseUnsignedLong(digits, 16);
  }
}
