package dev.castellan.attestation.policy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.SafeText;
import dev.castellan.attestation.SnpClaims;
import dev.castellan.attestation.SnpClaims.SigningKey;
import dev.castellan.attestation.SnpClaims.Tcb;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Reference values and rules for AMD SEV-SNP reports (AMD spec 56860, ATTESTATION_REPORT;
 * the set follows go-sev-guest's {@code validate} options). Every key, its type, default and
 * an example: {@code docs/policy/snp.md}.
 *
 * <p>Contract: {@link #appraise} returns one PASS or FAIL check ({@code policy.snp.<name>})
 * for every configured value, {@code policy.snp.measurement} always (SKIP when not pinned),
 * and names every value that is not configured in one {@code policy.snp.unpinned} SKIP. The
 * strict defaults are configured values: VMPL 0 only, no migration agent, no provisional
 * firmware. Debug (guest policy bit 19) is the platform-independent {@code allowDebug}.
 *
 * @param measurements allowed MEASUREMENT values (48 bytes)
 * @param hostData allowed HOST_DATA values (32 bytes)
 * @param idKeyDigests allowed ID_KEY_DIGEST values (48 bytes)
 * @param authorKeyDigests allowed AUTHOR_KEY_DIGEST values (48 bytes)
 * @param familyIds allowed FAMILY_ID values (16 bytes)
 * @param imageIds allowed IMAGE_ID values (16 bytes)
 * @param chipIds allowed CHIP_ID values (64 bytes); a masked CHIP_ID fails when set
 * @param allowedVmpls VMPLs allowed to request the report; default {0}
 * @param minimumTcb minimum REPORTED_TCB, per component
 * @param minimumCommittedTcb minimum COMMITTED_TCB, per component
 * @param minimumGuestSvn minimum GUEST_SVN
 * @param allowMigrationAgent whether guest policy bit 18 (MIGRATE_MA) may be set; default false
 * @param allowSmt whether guest policy bit 16 (SMT) may be set; empty = not compared
 * @param minimumAbi minimum guest policy ABI_MAJOR.ABI_MINOR
 * @param platformTsmeEnabled the required PLATFORM_INFO.TSME_EN
 * @param platformSmtEnabled the required PLATFORM_INFO.SMT_EN
 * @param minimumReportVersion minimum report VERSION
 * @param allowProvisionalFirmware whether COMMITTED_TCB may differ from CURRENT_TCB; default
 *     false
 * @param allowedSigningKeys VCEK and/or VLEK; both = not compared
 * @param productNames allowed endorsement productName values (e.g. {@code Milan-B0})
 * @param cspIds allowed VLEK cspID values (cloud providers); when set, VCEK-signed reports
 *     fail this check
 */
public record SnpReference(
    List<ByteString> measurements,
    List<ByteString> hostData,
    List<ByteString> idKeyDigests,
    List<ByteString> authorKeyDigests,
    List<ByteString> familyIds,
    List<ByteString> imageIds,
    List<ByteString> chipIds,
    Set<Integer> allowedVmpls,
    Optional<Tcb> minimumTcb,
    Optional<Tcb> minimumCommittedTcb,
    OptionalInt minimumGuestSvn,
    boolean allowMigrationAgent,
    Optional<Boolean> allowSmt,
    Optional<Abi> minimumAbi,
    Optional<Boolean> platformTsmeEnabled,
    Optional<Boolean> platformSmtEnabled,
    OptionalInt minimumReportVersion,
    boolean allowProvisionalFirmware,
    Set<SigningKey> allowedSigningKeys,
    List<String> productNames,
    List<String> cspIds) {
  public SnpReference {
    measurements = List.copyOf(measurements);
    hostData = List.copyOf(hostData);
    idKeyDigests = List.copyOf(idKeyDigests);
    authorKeyDigests = List.copyOf(authorKeyDigests);
    familyIds = List.copyOf(familyIds);
    imageIds = List.copyOf(imageIds);
    chipIds = List.copyOf(chipIds);
    allowedVmpls = Set.copyOf(allowedVmpls);
    allowedSigningKeys = Set.copyOf(allowedSigningKeys);
    productNames = List.copyOf(productNames);
    cspIds = List.copyOf(cspIds);
    if (allowedSigningKeys.isEmpty()) {
      throw new IllegalArgumentException("allowedSigningKeys must not be empty");
    }
  }

  /** A guest-policy ABI version, ABI_MAJOR.ABI_MINOR. */
  public record Abi(int major, int minor) {
    boolean atLeast(Abi minimum) {
      return major > minimum.major || (major == minimum.major && minor >= minimum.minor);
    }

    @Override
    public String toString() {
      return major + "." + minor;
    }
  }

  /** Secure defaults with no reference values: VMPL 0, no migration agent, no provisional firmware. */
  public static SnpReference any() {
    return new SnpReference(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        Set.of(0), Optional.empty(), Optional.empty(), OptionalInt.empty(), false, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), false,
        EnumSet.allOf(SigningKey.class), List.of(), List.of());
  }

  public SnpReference withMeasurements(List<ByteString> allowed) {
    return with(d -> d.measurements = allowed);
  }

  public SnpReference withHostData(List<ByteString> allowed) {
    return with(d -> d.hostData = allowed);
  }

  public SnpReference withIdKeyDigests(List<ByteString> allowed) {
    return with(d -> d.idKeyDigests = allowed);
  }

  public SnpReference withAuthorKeyDigests(List<ByteString> allowed) {
    return with(d -> d.authorKeyDigests = allowed);
  }

  public SnpReference withFamilyIds(List<ByteString> allowed) {
    return with(d -> d.familyIds = allowed);
  }

  public SnpReference withImageIds(List<ByteString> allowed) {
    return with(d -> d.imageIds = allowed);
  }

  public SnpReference withChipIds(List<ByteString> allowed) {
    return with(d -> d.chipIds = allowed);
  }

  public SnpReference withAllowedVmpls(Set<Integer> vmpls) {
    return with(d -> d.allowedVmpls = vmpls);
  }

  /** Minimum REPORTED_TCB per component ({@code fmc} -1: not compared). */
  public SnpReference withMinimumTcb(Tcb minimum) {
    return with(d -> d.minimumTcb = Optional.of(minimum));
  }

  /** Minimum COMMITTED_TCB per component ({@code fmc} -1: not compared). */
  public SnpReference withMinimumCommittedTcb(Tcb minimum) {
    return with(d -> d.minimumCommittedTcb = Optional.of(minimum));
  }

  public SnpReference withMinimumGuestSvn(int minimum) {
    return with(d -> d.minimumGuestSvn = OptionalInt.of(minimum));
  }

  public SnpReference withAllowMigrationAgent(boolean allow) {
    return with(d -> d.allowMigrationAgent = allow);
  }

  public SnpReference withAllowSmt(boolean allow) {
    return with(d -> d.allowSmt = Optional.of(allow));
  }

  public SnpReference withMinimumAbi(int major, int minor) {
    return with(d -> d.minimumAbi = Optional.of(new Abi(major, minor)));
  }

  public SnpReference withPlatformTsmeEnabled(boolean required) {
    return with(d -> d.platformTsmeEnabled = Optional.of(required));
  }

  public SnpReference withPlatformSmtEnabled(boolean required) {
    return with(d -> d.platformSmtEnabled = Optional.of(required));
  }

  public SnpReference withMinimumReportVersion(int minimum) {
    return with(d -> d.minimumReportVersion = OptionalInt.of(minimum));
  }

  public SnpReference withAllowProvisionalFirmware(boolean allow) {
    return with(d -> d.allowProvisionalFirmware = allow);
  }

  public SnpReference withAllowedSigningKeys(Set<SigningKey> keys) {
    return with(d -> d.allowedSigningKeys = keys);
  }

  public SnpReference withProductNames(List<String> names) {
    return with(d -> d.productNames = names);
  }

  public SnpReference withCspIds(List<String> ids) {
    return with(d -> d.cspIds = ids);
  }

  static SnpReference fromJson(JsonNode node) throws PolicyException {
    return SnpReferenceJson.read(node);
  }

  /** Every SEV-SNP policy check. */
  public List<Check> appraise(SnpClaims c) {
    ReferenceChecks out = new ReferenceChecks("snp")
        .measurement("MEASUREMENT", measurements, Optional.of(c.measurement()))
        .oneOf("host-data", "HOST_DATA", hostData, c.hostData())
        .oneOf("id-key-digest", "ID_KEY_DIGEST", idKeyDigests, c.idKeyDigest())
        .oneOf("author-key-digest", "AUTHOR_KEY_DIGEST", authorKeyDigests, c.authorKeyDigest())
        .oneOf("family-id", "FAMILY_ID", familyIds, c.familyId())
        .oneOf("image-id", "IMAGE_ID", imageIds, c.imageId());
    if (chipIds.isEmpty()) {
      out.unpinned("CHIP_ID");
    } else if (c.chipId().equals(ByteString.of(new byte[c.chipId().length()]))) {
      out.rule("chip-id", false, "CHIP_ID is zero (masked by the guest, or not reported with a VLEK) and the policy allows only listed chips");
    } else {
      out.oneOf("chip-id", "CHIP_ID", chipIds, c.chipId());
    }
    out.rule("vmpl", allowedVmpls.contains(c.vmpl()),
        "VMPL " + c.vmpl() + (allowedVmpls.contains(c.vmpl()) ? " is allowed" : " is not in " + allowedVmpls));
    if (allowedSigningKeys.containsAll(EnumSet.allOf(SigningKey.class))) {
      out.unpinned("signing key (VCEK or VLEK)");
    } else {
      out.rule("signing-key", allowedSigningKeys.contains(c.signingKey()),
          "signing key " + c.signingKey() + " against " + allowedSigningKeys);
    }
    strings(out, "product", "product name", productNames, Optional.of(c.productName()));
    strings(out, "csp", "VLEK cspID", cspIds, c.cspId());
    guestPolicy(out, c);
    platformInfo(out, c);
    minimum(out, "guest-svn", "GUEST_SVN", c.guestSvn(), minimumGuestSvn);
    minimum(out, "report-version", "report VERSION", c.version(), minimumReportVersion);
    boolean committedIsCurrent =
        c.committedTcb().raw() == c.currentTcb().raw() && c.committedFirmware().equals(c.currentFirmware());
    out.rule("provisional-firmware", allowProvisionalFirmware || committedIsCurrent,
        committedIsCurrent ? "committed TCB and firmware equal the current ones"
            : "committed TCB or firmware differs from the current (provisional firmware)"
                + (allowProvisionalFirmware ? ", allowed by policy" : ""));
    tcb(out, "minimum-tcb", "REPORTED_TCB", c.reportedTcb(), minimumTcb);
    tcb(out, "minimum-committed-tcb", "COMMITTED_TCB", c.committedTcb(), minimumCommittedTcb);
    return out.result();
  }

  private void guestPolicy(ReferenceChecks out, SnpClaims c) {
    SnpClaims.GuestPolicy p = c.policy();
    out.rule("migration-agent", allowMigrationAgent || !p.migrationAgentAllowed(),
        p.migrationAgentAllowed() ? "guest policy allows a migration agent (MIGRATE_MA)"
            : "guest policy allows no migration agent");
    if (allowSmt.isEmpty()) {
      out.unpinned("guest policy SMT");
    } else {
      out.rule("smt", allowSmt.get() || !p.smtAllowed(),
          p.smtAllowed() ? "guest policy allows SMT" : "guest policy does not allow SMT");
    }
    if (minimumAbi.isEmpty()) {
      out.unpinned("minimum ABI");
    } else {
      Abi actual = new Abi(p.abiMajor(), p.abiMinor());
      out.rule("abi", actual.atLeast(minimumAbi.get()),
          "guest policy ABI " + actual + " against minimum " + minimumAbi.get());
    }
  }

  private void platformInfo(ReferenceChecks out, SnpClaims c) {
    flag(out, "tsme", "PLATFORM_INFO.TSME_EN", c.tsmeEnabled(), platformTsmeEnabled);
    flag(out, "platform-smt", "PLATFORM_INFO.SMT_EN", c.smtEnabled(), platformSmtEnabled);
  }

  private static void flag(ReferenceChecks out, String check, String what, boolean actual, Optional<Boolean> required) {
    if (required.isEmpty()) {
      out.unpinned(what);
    } else {
      out.rule(check, actual == required.get(), what + " is " + (actual ? 1 : 0) + ", required "
          + (required.get() ? 1 : 0));
    }
  }

  private static void minimum(ReferenceChecks out, String check, String what, int actual, OptionalInt minimum) {
    if (minimum.isEmpty()) {
      out.unpinned("minimum " + what);
    } else {
      out.rule(check, Integer.compareUnsigned(actual, minimum.getAsInt()) >= 0,
          what + " " + Integer.toUnsignedString(actual) + " against minimum " + minimum.getAsInt());
    }
  }

  private static void strings(ReferenceChecks out, String check, String what, List<String> allowed,
      Optional<String> actual) {
    if (allowed.isEmpty()) {
      out.unpinned(what);
    } else {
      out.rule(check, actual.filter(allowed::contains).isPresent(),
          what + " " + actual.map(SafeText::escape).orElse("absent") + " against " + allowed);
    }
  }

  /** Each component against its minimum; FMC only where the report has one (Turin). */
  private static void tcb(ReferenceChecks out, String check, String what, Tcb actual, Optional<Tcb> minimum) {
    if (minimum.isEmpty()) {
      out.unpinned("minimum " + what);
      return;
    }
    Tcb min = minimum.get();
    List<String> below = new ArrayList<>();
    compare(below, "bootloader", actual.bootloader(), min.bootloader());
    compare(below, "tee", actual.tee(), min.tee());
    compare(below, "snp", actual.snp(), min.snp());
    compare(below, "microcode", actual.microcode(), min.microcode());
    String fmcNote = "";
    if (min.fmc() >= 0 && actual.fmc() >= 0) {
      compare(below, "fmc", actual.fmc(), min.fmc());
    } else if (min.fmc() >= 0) {
      fmcNote = " (no FMC in this report's TCB layout: fmc not compared)";
    }
    String values = String.format(Locale.ROOT, "%s bl%d tee%d snp%d ucode%d%s against minimum bl%d tee%d snp%d ucode%d%s",
        what, actual.bootloader(), actual.tee(), actual.snp(), actual.microcode(),
        actual.fmc() >= 0 ? " fmc" + actual.fmc() : "", min.bootloader(), min.tee(), min.snp(), min.microcode(),
        min.fmc() >= 0 ? " fmc" + min.fmc() : "");
    out.rule(check, below.isEmpty(), values + fmcNote + (below.isEmpty() ? "" : "; below: " + String.join(", ", below)));
  }

  private static void compare(List<String> below, String component, int actual, int minimum) {
    if (actual < minimum) {
      below.add(component + " " + actual + " < " + minimum);
    }
  }

  private SnpReference with(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return d.build();
  }

  /** A mutable copy, so each wither names only what it changes. */
  private static final class Draft {
    List<ByteString> measurements, hostData, idKeyDigests, authorKeyDigests, familyIds, imageIds, chipIds;
    Set<Integer> allowedVmpls;
    Optional<Tcb> minimumTcb, minimumCommittedTcb;
    OptionalInt minimumGuestSvn, minimumReportVersion;
    boolean allowMigrationAgent, allowProvisionalFirmware;
    Optional<Boolean> allowSmt, platformTsmeEnabled, platformSmtEnabled;
    Optional<Abi> minimumAbi;
    Set<SigningKey> allowedSigningKeys;
    List<String> productNames, cspIds;

    Draft(SnpReference r) {
      measurements = r.measurements;
      hostData = r.hostData;
      idKeyDigests = r.idKeyDigests;
      authorKeyDigests = r.authorKeyDigests;
      familyIds = r.familyIds;
      imageIds = r.imageIds;
      chipIds = r.chipIds;
      allowedVmpls = r.allowedVmpls;
      minimumTcb = r.minimumTcb;
      minimumCommittedTcb = r.minimumCommittedTcb;
      minimumGuestSvn = r.minimumGuestSvn;
      allowMigrationAgent = r.allowMigrationAgent;
      allowSmt = r.allowSmt;
      minimumAbi = r.minimumAbi;
      platformTsmeEnabled = r.platformTsmeEnabled;
      platformSmtEnabled = r.platformSmtEnabled;
      minimumReportVersion = r.minimumReportVersion;
      allowProvisionalFirmware = r.allowProvisionalFirmware;
      allowedSigningKeys = r.allowedSigningKeys;
      productNames = r.productNames;
      cspIds = r.cspIds;
    }

    SnpReference build() {
      return new SnpReference(measurements, hostData, idKeyDigests, authorKeyDigests, familyIds, imageIds, chipIds,
          allowedVmpls, minimumTcb, minimumCommittedTcb, minimumGuestSvn, allowMigrationAgent, allowSmt, minimumAbi,
          platformTsmeEnabled, platformSmtEnabled, minimumReportVersion, allowProvisionalFirmware,
          allowedSigningKeys, productNames, cspIds);
    }
  }
}
