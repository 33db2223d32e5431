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
 * A simulated AMD SEV-SNP guest: produces real version-3 ATTESTATION_REPORTs (1184 bytes, AMD
 * spec 56860 Table 22) signed with ECDSA P-384 by the simulated chip's VCEK, which chains to
 * the simulated ASK and ARK of {@link SimulatorHome#snpAnchors()}. The SEV-SNP verifier
 * accepts them with those anchors and labels the result simulated.
 *
 * <p>What the report says: MEASUREMENT is {@link BootMeasurements#artifactDigest()} (the
 * SHA-384 of the running artifact, so a changed jar changes it); REPORT_DATA is the
 * caller's 64 bytes, exactly (any other length is an error, never padded); guest policy
 * {@code 0x30000} (SMT allowed, the must-be-one bit 17, debugging NOT allowed, no migration
 * agent); VMPL 0; HOST_DATA zero; REPORT_ID random per instance (per boot); CHIP_ID, and the
 * current, committed, launch and reported TCB, from the VCEK (Milan layout); CPUID family
 * 0x19 model 0x01 stepping 1; firmware 1.55 build 21. Thread-safe.
 */
public final class SimulatedSnpAttester implements Attester {
  /** Length of REPORT_DATA, the challenge. */
  public static final int REPORT_DATA_BYTES = SnpReportWriter.REPORT_DATA_BYTES;

  /** Guest policy: bit 16 SMT allowed, bit 17 reserved must-be-one; bit 19 (debug) clear. */
  public static final long GUEST_POLICY = 0x30000L;

  private final SimulatedAmdCa ca;
  private final byte[] measurement;
  private final byte[] reportId;
  private final EcdsaSigner signer;

  private SimulatedSnpAttester(SimulatedAmdCa ca, byte[] measurement, byte[] reportId, EcdsaSigner signer) {
    this.ca = ca;
    this.measurement = measurement;
    this.reportId = reportId;
    this.signer = signer;
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
    return new SimulatedSnpAttester(ca, measurements.artifactDigest(), reportId, signer);
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
    int[] spl = ca.spl();
    long tcb = SnpReportWriter.tcbVersion(spl[0], spl[1], spl[2], spl[3]);
    byte[] report =
        SnpReportWriter.unsigned(
            new SnpReportWriter.Fields(
                GUEST_POLICY, tcb, 0x1L, reportData, measurement, new byte[32], reportId, ca.chipId(),
                0x19, 0x01, 0x01, 1, 55, 21));
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
    return ca.vcek();
  }

  /**
   * The VCEK as verifier collateral, under {@code (SEV_SNP, "vcek", <CHIP_ID hex>)} (what a
   * verifier fetches from AMD's KDS for real hardware).
   */
  public CollateralSource collateral() {
    try {
      return CollateralSource.of(
          Map.of(new CollateralKey(Platform.SEV_SNP, "vcek", Hex.encode(ca.chipId())), ca.vcek().getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("the loaded VCEK cannot be encoded", e);
    }
  }

  @Override
  public String toString() {
    return "SimulatedSnpAttester[measurement=" + Hex.encode(measurement) + ", simulated]";
  }
}
