package dev.castellan.attestation;

import java.util.Objects;
import java.util.Optional;

/**
 * Claims from an AMD SEV-SNP ATTESTATION_REPORT (AMD SEV-SNP ABI specification 56860, §7.3
 * Table 22), after its signature and VCEK/VLEK chain were verified.
 *
 * @param version report version (2 to 5)
 * @param guestSvn the guest SVN
 * @param policy the guest policy the guest was launched with
 * @param vmpl the VMPL that requested the report
 * @param signingKey which key signed the report
 * @param measurement MEASUREMENT, 48 bytes
 * @param reportData REPORT_DATA, 64 bytes
 * @param hostData HOST_DATA, 32 bytes
 * @param familyId FAMILY_ID, 16 bytes
 * @param imageId IMAGE_ID, 16 bytes
 * @param idKeyDigest ID_KEY_DIGEST, 48 bytes (zero when no ID block)
 * @param authorKeyDigest AUTHOR_KEY_DIGEST, 48 bytes
 * @param reportId REPORT_ID, 32 bytes
 * @param reportIdMa REPORT_ID_MA, 32 bytes
 * @param chipId CHIP_ID, 64 bytes (zero when masked or signed by a VLEK)
 * @param currentTcb CURRENT_TCB
 * @param reportedTcb REPORTED_TCB (the TCB of the signing key)
 * @param committedTcb COMMITTED_TCB
 * @param launchTcb LAUNCH_TCB
 * @param currentFirmware CURRENT_MAJOR/MINOR/BUILD
 * @param committedFirmware COMMITTED_MAJOR/MINOR/BUILD
 * @param platformInfo PLATFORM_INFO bits
 * @param cpuid CPUID family/model/stepping (report version 3 and later)
 * @param launchMitigationVector LAUNCH_MIT_VECTOR (report version 4 and later)
 * @param currentMitigationVector CURRENT_MIT_VECTOR (report version 4 and later)
 * @param productName the endorsement certificate's productName extension, e.g. {@code
 *     Milan-B0}
 * @param cspId the VLEK certificate's cspID (the cloud provider it was issued to); empty for
 *     a VCEK
 * @param simulated whether the report chains to a simulated ARK
 */
public record SnpClaims(
    int version,
    int guestSvn,
    GuestPolicy policy,
    int vmpl,
    SigningKey signingKey,
    ByteString measurement,
    ByteString reportData,
    ByteString hostData,
    ByteString familyId,
    ByteString imageId,
    ByteString idKeyDigest,
    ByteString authorKeyDigest,
    ByteString reportId,
    ByteString reportIdMa,
    ByteString chipId,
    Tcb currentTcb,
    Tcb reportedTcb,
    Tcb committedTcb,
    Tcb launchTcb,
    Firmware currentFirmware,
    Firmware committedFirmware,
    long platformInfo,
    Optional<Cpuid> cpuid,
    java.util.OptionalLong launchMitigationVector,
    java.util.OptionalLong currentMitigationVector,
    String productName,
    Optional<String> cspId,
    boolean simulated)
    implements Claims {
  public SnpClaims {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(signingKey, "signingKey");
    Objects.requireNonNull(measurement, "measurement");
    Objects.requireNonNull(reportData, "reportData");
    Objects.requireNonNull(reportedTcb, "reportedTcb");
    Objects.requireNonNull(cpuid, "cpuid");
    Objects.requireNonNull(launchMitigationVector, "launchMitigationVector");
    Objects.requireNonNull(currentMitigationVector, "currentMitigationVector");
    Objects.requireNonNull(productName, "productName");
    Objects.requireNonNull(cspId, "cspId");
  }

  @Override
  public Platform platform() {
    return Platform.SEV_SNP;
  }

  /** Guest policy bit 19: the hypervisor may debug the guest (read its memory). */
  @Override
  public boolean debug() {
    return policy.debugAllowed();
  }

  /** PLATFORM_INFO bit 0 SMT_EN: SMT is enabled on the platform. */
  public boolean smtEnabled() {
    return (platformInfo & 1) != 0;
  }

  /** PLATFORM_INFO bit 1 TSME_EN: transparent SME is enabled on the platform. */
  public boolean tsmeEnabled() {
    return (platformInfo & 2) != 0;
  }

  /** The key that signed the report (SIGNING_KEY, bits 4:2 of offset 0x48). */
  public enum SigningKey {
    /** Versioned Chip Endorsement Key: per chip and TCB, chains to ASK and ARK. */
    VCEK,
    /** Versioned Loaded Endorsement Key: per cloud provider, chains to ASVK and ARK. */
    VLEK
  }

  /** The guest policy (spec 56860 §4.3 Table 9). */
  public record GuestPolicy(long value) {
    public int abiMinor() {
      return (int) (value & 0xff);
    }

    public int abiMajor() {
      return (int) ((value >>> 8) & 0xff);
    }

    /** Bit 16: SMT may be enabled. */
    public boolean smtAllowed() {
      return bit(16);
    }

    /** Bit 18: association with a migration agent is allowed. */
    public boolean migrationAgentAllowed() {
      return bit(18);
    }

    /** Bit 19: debugging is allowed. */
    public boolean debugAllowed() {
      return bit(19);
    }

    /** Bit 20: the guest may run on a single socket only. */
    public boolean singleSocketRequired() {
      return bit(20);
    }

    public boolean bit(int index) {
      return ((value >>> index) & 1) == 1;
    }
  }

  /**
   * A TCB_VERSION: security patch levels of the firmware components. {@code fmc} is -1 on
   * processors before Turin, whose layout has no FMC field.
   */
  public record Tcb(long raw, int bootloader, int tee, int snp, int microcode, int fmc) {
    /** True if every component is at least the corresponding one of {@code minimum}. */
    public boolean atLeast(Tcb minimum) {
      return bootloader >= minimum.bootloader
          && tee >= minimum.tee
          && snp >= minimum.snp
          && microcode >= minimum.microcode
          && fmc >= minimum.fmc;
    }
  }

  /** A firmware version. */
  public record Firmware(int major, int minor, int build) {}

  /** CPUID Fn0000_0001_EAX family, model and stepping (report version 3 and later). */
  public record Cpuid(int family, int model, int stepping) {}
}
