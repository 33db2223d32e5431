package dev.castellan.attestation.policy;

import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.SnpClaims.SigningKey;
import dev.castellan.attestation.SnpClaims.Tcb;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads the {@code snp} member of a policy (keys: {@code docs/policy/snp.md}); unknown members are errors. */
final class SnpReferenceJson {
  private SnpReferenceJson() {}

  static SnpReference read(JsonNode node) throws PolicyException {
    PolicyJson.allowOnly(node, "snp", "measurements", "hostData", "idKeyDigests", "authorKeyDigests",
        "familyIds", "imageIds", "chipIds", "allowedVmpls", "minimumTcb", "minimumCommittedTcb",
        "minimumGuestSvn", "allowMigrationAgent", "allowSmt", "minimumAbi", "platformInfo",
        "minimumReportVersion", "allowProvisionalFirmware", "allowedSigningKeys", "productNames", "cspIds");
    EnumSet<SigningKey> keys = EnumSet.noneOf(SigningKey.class);
    for (String s : PolicyJson.strings(node, "allowedSigningKeys")) {
      try {
        keys.add(SigningKey.valueOf(s.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new PolicyException(PolicyJson.CHECK, "allowedSigningKeys must be VCEK or VLEK");
      }
    }
    if (node.get("allowedSigningKeys") != null && keys.isEmpty()) {
      throw new PolicyException(PolicyJson.CHECK, "allowedSigningKeys must not be empty");
    }
    Optional<SnpReference.Abi> abi = Optional.empty();
    JsonNode abiNode = node.get("minimumAbi");
    if (abiNode != null) {
      PolicyJson.allowOnly(abiNode, "snp.minimumAbi", "major", "minor");
      abi = Optional.of(new SnpReference.Abi(
          byteValue(abiNode, "major", "snp.minimumAbi"), byteValue(abiNode, "minor", "snp.minimumAbi")));
    }
    Optional<Boolean> tsme = Optional.empty();
    Optional<Boolean> smtEnabled = Optional.empty();
    JsonNode platform = node.get("platformInfo");
    if (platform != null) {
      PolicyJson.allowOnly(platform, "snp.platformInfo", "tsmeEnabled", "smtEnabled");
      tsme = optionalBool(platform, "tsmeEnabled");
      smtEnabled = optionalBool(platform, "smtEnabled");
    }
    return new SnpReference(
        PolicyJson.hexList(node, "measurements", 48),
        PolicyJson.hexList(node, "hostData", 32),
        PolicyJson.hexList(node, "idKeyDigests", 48),
        PolicyJson.hexList(node, "authorKeyDigests", 48),
        PolicyJson.hexList(node, "familyIds", 16),
        PolicyJson.hexList(node, "imageIds", 16),
        PolicyJson.hexList(node, "chipIds", 64),
        PolicyJson.intSet(node, "allowedVmpls", Set.of(0)),
        tcb(node, "minimumTcb"),
        tcb(node, "minimumCommittedTcb"),
        optionalInt(node, "minimumGuestSvn"),
        PolicyJson.bool(node, "allowMigrationAgent", false),
        optionalBool(node, "allowSmt"),
        abi,
        tsme,
        smtEnabled,
        optionalInt(node, "minimumReportVersion"),
        PolicyJson.bool(node, "allowProvisionalFirmware", false),
        keys.isEmpty() ? EnumSet.allOf(SigningKey.class) : keys,
        PolicyJson.strings(node, "productNames"),
        PolicyJson.strings(node, "cspIds"));
  }

  /** {"bootloader": n, "tee": n, "snp": n, "microcode": n, "fmc": n}: absent components are 0, absent fmc is not compared. */
  private static Optional<Tcb> tcb(JsonNode node, String name) throws PolicyException {
    JsonNode tcb = node.get(name);
    if (tcb == null) {
      return Optional.empty();
    }
    String where = "snp." + name;
    PolicyJson.allowOnly(tcb, where, "bootloader", "tee", "snp", "microcode", "fmc");
    return Optional.of(new Tcb(0, byteValue(tcb, "bootloader", where), byteValue(tcb, "tee", where),
        byteValue(tcb, "snp", where), byteValue(tcb, "microcode", where),
        tcb.get("fmc") == null ? -1 : byteValue(tcb, "fmc", where)));
  }

  /** An SPL or ABI number: 0..255 (one byte in the report). */
  private static int byteValue(JsonNode node, String name, String where) throws PolicyException {
    int value = PolicyJson.integer(node, name, 0);
    if (value > 255) {
      throw new PolicyException(PolicyJson.CHECK, where + "." + name + " must be 0..255");
    }
    return value;
  }

  private static OptionalInt optionalInt(JsonNode node, String name) throws PolicyException {
    return node.get(name) == null ? OptionalInt.empty() : OptionalInt.of(PolicyJson.integer(node, name, 0));
  }

  private static Optional<Boolean> optionalBool(JsonNode node, String name) throws PolicyException {
    return node.get(name) == null ? Optional.empty() : Optional.of(PolicyJson.bool(node, name, false));
  }
}
