package dev.castellan.attestation.policy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.SafeText;
import dev.castellan.attestation.SnpClaims;
import dev.castellan.attestation.SnpClaims.SigningKey;
import dev.castellan.attestation.SnpClaims.Tcb;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reference values and rules for AMD SEV-SNP reports (AMD spec 56860; the checks follow
 * go-sev-guest's {@code validate} options).
 *
 * <p>JSON: {@code {"measurements": [hex48...], "hostData": [hex32...], "idKeyDigests":
 * [hex48...], "allowedVmpls": [0], "minimumTcb": {"bootloader": 3, "tee": 0, "snp": 8,
 * "microcode": 115}, "minimumGuestSvn": 0, "allowMigrationAgent": false, "allowSmt": true,
 * "allowProvisionalFirmware": false, "allowedSigningKeys": ["VCEK", "VLEK"], "productNames":
 * ["Milan-B0"]}}.
 *
 * @param measurements allowed MEASUREMENT values (48 bytes)
 * @param hostData allowed HOST_DATA values (32 bytes)
 * @param idKeyDigests allowed ID_KEY_DIGEST values (48 bytes)
 * @param allowedVmpls VMPLs allowed to request the report; default {0}
 * @param minimumTcb minimum REPORTED_TCB, component-wise
 * @param minimumGuestSvn minimum GUEST_SVN
 * @param allowMigrationAgent whether guest policy bit 18 may be set; default false
 * @param allowSmt whether guest policy bit 16 may be set; default true
 * @param allowProvisionalFirmware whether COMMITTED_TCB may differ from CURRENT_TCB; default
 *     false
 * @param allowedSigningKeys VCEK and/or VLEK
 * @param productNames allowed endorsement productName values (e.g. {@code Milan-B0}); empty
 *     means not compared
 * @param cspIds allowed VLEK cspID values (cloud providers); when set, VCEK-signed reports
 *     fail this check; empty means not compared
 */
public record SnpReference(
    List<ByteString> measurements,
    List<ByteString> hostData,
    List<ByteString> idKeyDigests,
    Set<Integer> allowedVmpls,
    Optional<Tcb> minimumTcb,
    int minimumGuestSvn,
    boolean allowMigrationAgent,
    boolean allowSmt,
    boolean allowProvisionalFirmware,
    Set<SigningKey> allowedSigningKeys,
    List<String> productNames,
    List<String> cspIds) {
  public SnpReference {
    productNames = List.copyOf(productNames);
    cspIds = List.copyOf(cspIds);
    measurements = List.copyOf(measurements);
    hostData = List.copyOf(hostData);
    idKeyDigests = List.copyOf(idKeyDigests);
    allowedVmpls = Set.copyOf(allowedVmpls);
    allowedSigningKeys = Set.copyOf(allowedSigningKeys);
  }

  /** Secure defaults with no reference values: VMPL 0, no migration agent, no provisional firmware. */
  public static SnpReference any() {
    return new SnpReference(
        List.of(), List.of(), List.of(), Set.of(0), Optional.empty(), 0, false, true, false,
        EnumSet.allOf(SigningKey.class), List.of(), List.of());
  }

  public SnpReference withMeasurements(List<ByteString> allowed) {
    return new SnpReference(allowed, hostData, idKeyDigests, allowedVmpls, minimumTcb,
        minimumGuestSvn, allowMigrationAgent, allowSmt, allowProvisionalFirmware, allowedSigningKeys, productNames, cspIds);
  }

  public SnpReference withAllowedVmpls(Set<Integer> vmpls) {
    return new SnpReference(measurements, hostData, idKeyDigests, vmpls, minimumTcb,
        minimumGuestSvn, allowMigrationAgent, allowSmt, allowProvisionalFirmware, allowedSigningKeys, productNames, cspIds);
  }

  public SnpReference withProductNames(List<String> names) {
    return new SnpReference(measurements, hostData, idKeyDigests, allowedVmpls, minimumTcb,
        minimumGuestSvn, allowMigrationAgent, allowSmt, allowProvisionalFirmware, allowedSigningKeys, names, cspIds);
  }

  public SnpReference withCspIds(List<String> ids) {
    return new SnpReference(measurements, hostData, idKeyDigests, allowedVmpls, minimumTcb,
        minimumGuestSvn, allowMigrationAgent, allowSmt, allowProvisionalFirmware, allowedSigningKeys, productNames, ids);
  }

  public SnpReference withMinimumTcb(Tcb minimum) {
    return new SnpReference(measurements, hostData, idKeyDigests, allowedVmpls, Optional.of(minimum),
        minimumGuestSvn, allowMigrationAgent, allowSmt, allowProvisionalFirmware, allowedSigningKeys, productNames, cspIds);
  }

  public SnpReference withAllowProvisionalFirmware(boolean allow) {
    return new SnpReference(measurements, hostData, idKeyDigests, allowedVmpls, minimumTcb,
        minimumGuestSvn, allowMigrationAgent, allowSmt, allow, allowedSigningKeys, productNames, cspIds);
  }

  static SnpReference fromJson(JsonNode node) throws PolicyException {
    PolicyJson.allowOnly(node, "snp", "measurements", "hostData", "idKeyDigests", "allowedVmpls",
        "minimumTcb", "minimumGuestSvn", "allowMigrationAgent", "allowSmt",
        "allowProvisionalFirmware", "allowedSigningKeys", "productNames", "cspIds");
    Optional<Tcb> minimum = Optional.empty();
    JsonNode tcb = node.get("minimumTcb");
    if (tcb != null) {
      PolicyJson.allowOnly(tcb, "snp.minimumTcb", "bootloader", "tee", "snp", "microcode", "fmc");
      minimum = Optional.of(new Tcb(0,
          PolicyJson.integer(tcb, "bootloader", 0), PolicyJson.integer(tcb, "tee", 0),
          PolicyJson.integer(tcb, "snp", 0), PolicyJson.integer(tcb, "microcode", 0),
          tcb.get("fmc") == null ? -1 : PolicyJson.integer(tcb, "fmc", 0)));
    }
    EnumSet<SigningKey> keys = EnumSet.noneOf(SigningKey.class);
    for (String s : PolicyJson.strings(node, "allowedSigningKeys")) {
      try {
        keys.add(SigningKey.valueOf(s.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new PolicyException(PolicyJson.CHECK, "allowedSigningKeys must be VCEK or VLEK");
      }
    }
    return new SnpReference(
        PolicyJson.hexList(node, "measurements", 48),
        PolicyJson.hexList(node, "hostData", 32),
        PolicyJson.hexList(node, "idKeyDigests", 48),
        PolicyJson.intSet(node, "allowedVmpls", Set.of(0)),
        minimum,
        PolicyJson.integer(node, "minimumGuestSvn", 0),
        PolicyJson.bool(node, "allowMigrationAgent", false),
        PolicyJson.bool(node, "allowSmt", true),
        PolicyJson.bool(node, "allowProvisionalFirmware", false),
        keys.isEmpty() ? EnumSet.allOf(SigningKey.class) : keys,
        PolicyJson.strings(node, "productNames"),
        PolicyJson.strings(node, "cspIds"));
  }

  /** Every SEV-SNP policy check. */
  public List<Check> appraise(SnpClaims c) {
    ReferenceChecks out = new ReferenceChecks("snp")
        .measurement("MEASUREMENT", measurements, Optional.of(c.measurement()))
        .oneOf("host-data", "HOST_DATA", hostData, c.hostData())
        .oneOf("id-key-digest", "ID_KEY_DIGEST", idKeyDigests, c.idKeyDigest());
    out.rule("vmpl", allowedVmpls.contains(c.vmpl()),
        "VMPL " + c.vmpl() + (allowedVmpls.contains(c.vmpl()) ? " is allowed" : " is not in " + allowedVmpls));
    out.rule("signing-key", allowedSigningKeys.contains(c.signingKey()),
        "signing key " + c.signingKey() + " against " + allowedSigningKeys);
    if (productNames.isEmpty()) {
      out.unpinned("product name");
    } else {
      out.rule("product", productNames.contains(c.productName()),
          "product " + SafeText.escape(c.productName()) + " against " + productNames);
    }
    if (cspIds.isEmpty()) {
      out.unpinned("VLEK cspID");
    } else {
      out.rule("csp", c.cspId().filter(cspIds::contains).isPresent(),
          "cspID " + c.cspId().map(SafeText::escape).orElse("absent (VCEK)") + " against " + cspIds);
    }
    out.rule("migration-agent", allowMigrationAgent || !c.policy().migrationAgentAllowed(),
        c.policy().migrationAgentAllowed() ? "guest policy allows a migration agent" : "no migration agent");
    out.rule("smt", allowSmt || !c.policy().smtAllowed(),
        c.policy().smtAllowed() ? "guest policy allows SMT" : "SMT not allowed by guest policy");
    out.rule("guest-svn", c.guestSvn() >= minimumGuestSvn,
        "GUEST_SVN " + c.guestSvn() + " against minimum " + minimumGuestSvn);
    boolean committedIsCurrent =
        c.committedTcb().raw() == c.currentTcb().raw() && c.committedFirmware().equals(c.currentFirmware());
    out.rule("provisional-firmware", allowProvisionalFirmware || committedIsCurrent,
        committedIsCurrent ? "committed TCB and firmware equal the current ones"
            : "committed TCB or firmware differs from the current (provisional firmware)");
    if (minimumTcb.isPresent()) {
      Tcb min = minimumTcb.orElseThrow();
      Tcb reported = c.reportedTcb();
      out.rule("minimum-tcb", reported.atLeast(min), String.format(Locale.ROOT,
          "reported TCB bl%d tee%d snp%d ucode%d against minimum bl%d tee%d snp%d ucode%d",
          reported.bootloader(), reported.tee(), reported.snp(), reported.microcode(),
          min.bootloader(), min.tee(), min.snp(), min.microcode()));
    } else {
      out.unpinned("minimum TCB");
    }
    return out.result();
  }
}
