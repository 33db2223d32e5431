package dev.castellan.attestation.simulator;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.Attester;
import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.signature.EcdsaPrivateKey;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.EcdsaSigner;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A simulated AMD SEV-SNP guest: produces real ATTESTATION_REPORTs (1184 bytes, AMD spec
 * 56860 Table 22) signed with ECDSA P-384 by the simulated chip's VCEK, which chains to the
 * simulated ASK and ARK of {@link SimulatorHome#snpAnchors()}. The SEV-SNP verifier accepts
 * them with those anchors and labels the result simulated.
 *
 * <p>What the report says by default: version 3; MEASUREMENT is {@link
 * BootMeasurements#artifactDigest()} (the SHA-384 of the running artifact, so a changed jar
 * changes it); REPORT_DATA is the caller's 64 bytes, exactly (any other length is an error,
 * never padded); guest policy {@code 0x30000} (SMT allowed, the must-be-one bit 17,
 * debugging NOT allowed, no migration agent); PLATFORM_INFO {@code 0x1} (SMT_EN); VMPL 0;
 * GUEST_SVN 0; HOST_DATA, FAMILY_ID, IMAGE_ID, ID_KEY_DIGEST and AUTHOR_KEY_DIGEST zero;
 * REPORT_ID random per instance (per boot); CHIP_ID, and the current, committed, launch and
 * reported TCB, from the VCEK (Milan layout); CPUID family 0x19 model 0x01 stepping 1;
 * firmware 1.55 build 21.
 *
 * <p>Knobs: each {@code with...} method returns an attester whose reports carry that field
 * as given, signed, so every reference value and structure rule can be exercised through the
 * real verifier. They do not validate (a report with policy bit 17 clear or version 6 is a
 * test of the verifier). {@link #withReportedTcb} also re-issues the VCEK with those SPLs,
 * as KDS would, so {@link #collateral()} follows it. Immutable and thread-safe.
 */
public final class SimulatedSnpAttester implements Attester {
  /** Length of REPORT_DATA, the challenge. */
  public static final int REPORT_DATA_BYTES = SnpReportWriter.REPORT_DATA_BYTES;

  /** Guest policy: bit 16 SMT allowed, bit 17 reserved must-be-one; bit 19 (debug) clear. */
  public static final long GUEST_POLICY = 0x30000L;

  /** PLATFORM_INFO: bit 0 SMT_EN. */
  public static final long PLATFORM_INFO = 0x1L;

  /** Firmware 1.55 build 21: {@code major << 16 | minor << 8 | build}. */
  private static final int FIRMWARE = 1 << 16 | 55 << 8 | 21;

  /** The fields a knob can set (TCBs are raw TCB_VERSION values); copied, never shared, once built. */
  private static final class Knobs {
    int version = 3;
    int guestSvn;
    long policy = GUEST_POLICY;
    byte[] familyId = new byte[16];
    byte[] imageId = new byte[16];
    int vmpl;
    long platformInfo = PLATFORM_INFO;
    boolean maskChipId;
    byte[] hostData = new byte[32];
    byte[] idKeyDigest = new byte[48];
    byte[] authorKeyDigest = new byte[48];
    long currentTcb;
    long reportedTcb;
    long committedTcb;
    long launchTcb;
    int committedFirmware = FIRMWARE;

    Knobs copy() {
      Knobs k = new Knobs();
      k.version = version;
      k.guestSvn = guestSvn;
      k.policy = policy;
      k.familyId = familyId;
      k.imageId = imageId;
      k.vmpl = vmpl;
      k.platformInfo = platformInfo;
      k.maskChipId = maskChipId;
      k.hostData = hostData;
      k.idKeyDigest = idKeyDigest;
      k.authorKeyDigest = authorKeyDigest;
      k.currentTcb = currentTcb;
      k.reportedTcb = reportedTcb;
      k.committedTcb = committedTcb;
      k.launchTcb = launchTcb;
      k.committedFirmware = committedFirmware;
      return k;
    }
  }

  private final SimulatedAmdCa ca;
  private final byte[] measurement;
  private final byte[] reportId;
  private final EcdsaSigner signer;
  private final SecureRandom random;
  private final X509Certificate vcek;
  private final Knobs knobs;

  private SimulatedSnpAttester(SimulatedAmdCa ca, byte[] measurement, byte[] reportId, EcdsaSigner signer,
      SecureRandom random, X509Certificate vcek, Knobs knobs) {
    this.ca = ca;
    this.measurement = measurement;
    this.reportId = reportId;
    this.signer = signer;
    this.random = random;
    this.vcek = vcek;
    this.knobs = knobs;
  }

  /**
   * A simulated guest measuring {@code measurements}, using (and on first use creating) the
   * simulated AMD hierarchy of {@code home}.
   *
   * @throws IOException if the simulator state cannot be read or created
   */
  public static SimulatedSnpAttester create(
      SimulatorHome home, BootMeasurements measurements, SecureRandom random) throws IOException {
    Objects.requireNonNull(measurements, "measurements");
    SimulatedAmdCa ca = home.amdCa();
    byte[] reportId = new byte[32];
    random.nextBytes(reportId);
    EcdsaSigner signer;
    try {
      signer = EcdsaSigner.create(EcdsaPrivateKey.fromJca(ca.vcekKey()), EcdsaSignatureEncoding.IEEE_P1363);
    } catch (GeneralSecurityException e) {
      throw new SimulatorStorageException(
          home.directory().resolve(SimulatedAmdCa.DIRECTORY).resolve("vcek.key"), "is not a P-384 key", e);
    }
    int[] spl = ca.spl();
    long tcb = SnpReportWriter.tcbVersion(spl[0], spl[1], spl[2], spl[3]);
    Knobs defaults = new Knobs();
    defaults.currentTcb = tcb;
    defaults.reportedTcb = tcb;
    defaults.committedTcb = tcb;
    defaults.launchTcb = tcb;
    return new SimulatedSnpAttester(ca, measurements.artifactDigest(), reportId, signer, random, ca.vcek(), defaults);
  }

  private SimulatedSnpAttester with(java.util.function.Consumer<Knobs> change) {
    Knobs changed = knobs.copy();
    change.accept(changed);
    return new SimulatedSnpAttester(ca, measurement, reportId, signer, random, vcek, changed);
  }

  private static byte[] exactly(byte[] value, int length, String field) {
    if (value.length != length) {
      throw new IllegalArgumentException(field + " must be " + length + " bytes");
    }
    return value.clone();
  }

  /** VERSION (any value: 2, 3 and 5 are the published layouts; 2 carries no CPUID). */
  public SimulatedSnpAttester withReportVersion(int version) {
    return with(k -> k.version = version);
  }

  public SimulatedSnpAttester withGuestSvn(int guestSvn) {
    return with(k -> k.guestSvn = guestSvn);
  }

  /** GUEST_POLICY, all 64 bits as given (ABI_MINOR bits 7:0, ABI_MAJOR 15:8, SMT 16, ...). */
  public SimulatedSnpAttester withGuestPolicy(long policy) {
    return with(k -> k.policy = policy);
  }

  /** FAMILY_ID and IMAGE_ID, 16 bytes each. */
  public SimulatedSnpAttester withIdBlock(byte[] familyId, byte[] imageId) {
    byte[] family = exactly(familyId, 16, "FAMILY_ID");
    byte[] image = exactly(imageId, 16, "IMAGE_ID");
    return with(k -> {
      k.familyId = family;
      k.imageId = image;
    });
  }

  public SimulatedSnpAttester withVmpl(int vmpl) {
    return with(k -> k.vmpl = vmpl);
  }

  /** PLATFORM_INFO, all 64 bits as given (SMT_EN bit 0, TSME_EN bit 1, ...). */
  public SimulatedSnpAttester withPlatformInfo(long platformInfo) {
    return with(k -> k.platformInfo = platformInfo);
  }

  /** MASK_CHIP_KEY: when set, CHIP_ID is written as zero. */
  public SimulatedSnpAttester withChipIdMasked(boolean masked) {
    return with(k -> k.maskChipId = masked);
  }

  /** HOST_DATA, 32 bytes. */
  public SimulatedSnpAttester withHostData(byte[] hostData) {
    byte[] value = exactly(hostData, 32, "HOST_DATA");
    return with(k -> k.hostData = value);
  }

  /** ID_KEY_DIGEST, 48 bytes. */
  public SimulatedSnpAttester withIdKeyDigest(byte[] digest) {
    byte[] value = exactly(digest, 48, "ID_KEY_DIGEST");
    return with(k -> k.idKeyDigest = value);
  }

  /** AUTHOR_KEY_DIGEST, 48 bytes; sets AUTHOR_KEY_EN unless all zero. */
  public SimulatedSnpAttester withAuthorKeyDigest(byte[] digest) {
    byte[] value = exactly(digest, 48, "AUTHOR_KEY_DIGEST");
    return with(k -> k.authorKeyDigest = value);
  }

  /** CURRENT_TCB (Milan layout). */
  public SimulatedSnpAttester withCurrentTcb(int bootloader, int tee, int snp, int microcode) {
    long tcb = SnpReportWriter.tcbVersion(bootloader, tee, snp, microcode);
    return with(k -> k.currentTcb = tcb);
  }

  /** COMMITTED_TCB (Milan layout); differing from CURRENT_TCB makes the firmware provisional. */
  public SimulatedSnpAttester withCommittedTcb(int bootloader, int tee, int snp, int microcode) {
    long tcb = SnpReportWriter.tcbVersion(bootloader, tee, snp, microcode);
    return with(k -> k.committedTcb = tcb);
  }

  /** LAUNCH_TCB (Milan layout). */
  public SimulatedSnpAttester withLaunchTcb(int bootloader, int tee, int snp, int microcode) {
    long tcb = SnpReportWriter.tcbVersion(bootloader, tee, snp, microcode);
    return with(k -> k.launchTcb = tcb);
  }

  /**
   * REPORTED_TCB (Milan layout), with a VCEK re-issued for these SPLs (in memory), so the
   * report still verifies: {@link #vcek()} and {@link #collateral()} return that VCEK.
   *
   * @throws IOException if the VCEK cannot be issued
   */
  public SimulatedSnpAttester withReportedTcb(int bootloader, int tee, int snp, int microcode) throws IOException {
    X509Certificate reissued = ca.vcekAt(new int[] {bootloader, tee, snp, microcode}, random);
    Knobs changed = knobs.copy();
    changed.reportedTcb = SnpReportWriter.tcbVersion(bootloader, tee, snp, microcode);
    return new SimulatedSnpAttester(ca, measurement, reportId, signer, random, reissued, changed);
  }

  /** COMMITTED_MAJOR/MINOR/BUILD; differing from the current firmware makes it provisional. */
  public SimulatedSnpAttester withCommittedFirmware(int major, int minor, int build) {
    int firmware = (major & 0xff) << 16 | (minor & 0xff) << 8 | (build & 0xff);
    return with(k -> k.committedFirmware = firmware);
  }

  @Override
  public Platform platform() {
    return Platform.SEV_SNP;
  }

  @Override
  public boolean simulated() {
    return true;
  }

  /** {@link #report} as evidence; {@code challenge} is REPORT_DATA (64 bytes). */
  @Override
  public Evidence attest(byte[] challenge) throws AttestationException {
    return Evidence.of(Platform.SEV_SNP, report(challenge));
  }

  /**
   * A signed ATTESTATION_REPORT carrying {@code reportData}.
   *
   * @throws MalformedEvidenceException if {@code reportData} is not exactly 64 bytes
   */
  public byte[] report(byte[] reportData) throws MalformedEvidenceException {
    Objects.requireNonNull(reportData, "reportData");
    if (reportData.length != REPORT_DATA_BYTES) {
      throw new MalformedEvidenceException(
          "snp.report-data", "REPORT_DATA must be exactly 64 bytes", "64 bytes", reportData.length + " bytes");
    }
    Knobs k = knobs;
    byte[] noMigrationAgent = new byte[32];
    Arrays.fill(noMigrationAgent, (byte) 0xff); // REPORT_ID_MA: all ones when there is no migration agent
    boolean authorKey = !Arrays.equals(k.authorKeyDigest, new byte[48]);
    int flags = (authorKey ? 1 : 0) | (k.maskChipId ? 2 : 0); // SIGNING_KEY 0: VCEK
    byte[] report =
        SnpReportWriter.unsigned(
            new SnpReportWriter.Fields(
                k.version, k.guestSvn, k.policy, k.familyId, k.imageId, k.vmpl, k.currentTcb, k.platformInfo, flags,
                reportData, measurement, k.hostData, k.idKeyDigest, k.authorKeyDigest, reportId, noMigrationAgent,
                k.reportedTcb, 0x19, 0x01, 0x01, k.maskChipId ? new byte[64] : ca.chipId(), k.committedTcb,
                FIRMWARE, k.committedFirmware, k.launchTcb, 0, 0));
    byte[] signature = signer.sign(Arrays.copyOf(report, SnpReportWriter.SIGNED_END));
    SnpReportWriter.putSignature(report, signature);
    return report;
  }

  /** MEASUREMENT: the SHA-384 of the measured artifact. */
  public byte[] measurement() {
    return measurement.clone();
  }

  /** The simulated chip's CHIP_ID (the VCEK's hwID). */
  public byte[] chipId() {
    return ca.chipId();
  }

  /** The VCEK certificate that verifies this attester's reports. */
  public X509Certificate vcek() {
    return vcek;
  }

  /**
   * The VCEK as verifier collateral, under {@code (SEV_SNP, "vcek", <CHIP_ID hex>)} (what a
   * verifier fetches from AMD's KDS for real hardware); with a masked CHIP_ID, under the zero
   * CHIP_ID the report carries (a verifier then has the VCEK from elsewhere).
   */
  public CollateralSource collateral() {
    try {
      return CollateralSource.of(
          Map.of(new CollateralKey(Platform.SEV_SNP, "vcek", Hex.encode(knobs.maskChipId ? new byte[64] : ca.chipId())),
              vcek.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("the loaded VCEK cannot be encoded", e);
    }
  }

  @Override
  public String toString() {
    return "SimulatedSnpAttester[measurement=" + Hex.encode(measurement) + ", simulated]";
  }
}
