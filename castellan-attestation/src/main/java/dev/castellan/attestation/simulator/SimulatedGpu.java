package dev.castellan.attestation.simulator;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.gpu.GpuEvidence;
import dev.castellan.core.bytes.Bytes;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.signature.EcdsaPrivateKey;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.EcdsaSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A simulated NVIDIA Hopper (H100) GPU in confidential-computing mode: it answers a
 * GET_MEASUREMENTS request with a real SPDM 1.1 MEASUREMENTS response, signed with ECDSA
 * P-384 over request ‖ response (no prefix, as SPDM 1.1 signs), and hands out a certificate
 * chain of the Hopper shape (5 certificates, P-384, ecdsa-with-SHA384, the leaf's FWID
 * extension equal to the report's FWID item) ending in the simulated NVIDIA root of {@code
 * <data>/simulator/gpu/root.crt}. {@code gpu.GpuVerifier} accepts it given {@link
 * SimulatorHome#gpuTrustAnchors()} and labels the result simulated; it MUST NOT be taken as
 * evidence of anything about hardware.
 *
 * <p>What the report says: {@value #MEASUREMENT_BLOCKS} measurement blocks (indices 1..64,
 * DMTF, type 1 "mutable firmware", 48-byte digests), block {@code i}'s digest being {@code
 * HMAC-SHA-384(device secret, "castellan simulated gpu measurement" ‖ u8 i)}, so they are
 * stable for one data directory and differ between installations; a fresh random responder
 * nonce per report; the opaque items driver version {@value #DRIVER_VERSION} (3), VBIOS
 * version {@value #VBIOS_VERSION} (6), NVDEC0 status {@code 0x55} (11), measurement count 1
 * per block (12), chip SKU {@code SIMULATED} (15), FWID {@code HMAC-SHA-384(device secret,
 * "castellan simulated gpu fwid")} (20), protected PCIe status {@code 0x55} (21), opaque data
 * version 1 (34) and feature flag 0, SPT (36). The requester's nonce is the caller's, exactly
 * 32 bytes.
 *
 * <p>The CAs persist in the data directory ({@link SimulatedNvidiaCa}); the signing (GSP FMC)
 * key and its leaf certificate are made at {@link #open}, as a GPU's firmware derives its
 * key at each boot. Immutable and thread-safe.
 */
public final class SimulatedGpu {
  /** Length of the requester's nonce. */
  public static final int NONCE_BYTES = 32;

  /** Measurement blocks in every report, as many as a Hopper reports. */
  public static final int MEASUREMENT_BLOCKS = 64;

  /** The driver version the simulated GPU reports. */
  public static final String DRIVER_VERSION = "570.124.06";

  /** The VBIOS version the simulated GPU reports, in NVIDIA's dotted form. */
  public static final String VBIOS_VERSION = "96.00.cf.00.01";

  /** {@link #VBIOS_VERSION} as the 8-byte item: the first four bytes reversed, then the fifth. */
  private static final byte[] VBIOS_ITEM = {0x00, (byte) 0xcf, 0x00, (byte) 0x96, 0x01, 0, 0, 0};

  private static final int STATUS_OK = 0x55;

  private final SimulatedNvidiaCa ca;
  private final List<X509Certificate> chain;
  private final EcdsaSigner signer;
  private final List<byte[]> measurements;
  private final byte[] opaque;
  private final SecureRandom random;

  private SimulatedGpu(SimulatedNvidiaCa ca, List<X509Certificate> chain, EcdsaSigner signer,
      List<byte[]> measurements, byte[] opaque, SecureRandom random) {
    this.ca = ca;
    this.chain = chain;
    this.signer = signer;
    this.measurements = measurements;
    this.opaque = opaque;
    this.random = random;
  }

  /**
   * The simulated GPU of {@code home}: creates the GPU PKI in {@code <data>/simulator/gpu/} on
   * first use (dated by {@code clock}), loads it after.
   *
   * @param random draws the keys created on first use, the signing key and responder nonces
   * @throws SimulatorStorageException if existing state is partial or corrupt
   */
  public static SimulatedGpu open(SimulatorHome home, Clock clock, SecureRandom random) throws IOException {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    SimulatedNvidiaCa ca = SimulatedNvidiaCa.loadOrCreate(home.directory(), clock.instant(), random);
    List<byte[]> measurements = new ArrayList<>();
    byte[] fwid;
    SecretBytes secret = home.deviceSecret();
    try {
      Mac mac = Mac.getInstance("HmacSHA384");
      byte[] key = secret.toByteArray();
      try {
        mac.init(new SecretKeySpec(key, "HmacSHA384"));
      } finally {
        Arrays.fill(key, (byte) 0);
      }
      byte[] label = "castellan simulated gpu measurement".getBytes(StandardCharsets.US_ASCII);
      for (int index = 1; index <= MEASUREMENT_BLOCKS; index++) {
        measurements.add(mac.doFinal(Bytes.concat(label, new byte[] {(byte) index})));
      }
      fwid = mac.doFinal("castellan simulated gpu fwid".getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HMAC-SHA-384", e);
    } finally {
      secret.destroy();
    }
    KeyPair signing = CertificateIssuer.p384(random);
    EcdsaSigner signer;
    try {
      signer = EcdsaSigner.create(EcdsaPrivateKey.fromJca((ECPrivateKey) signing.getPrivate()),
          EcdsaSignatureEncoding.IEEE_P1363);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a fresh P-384 key is not usable", e);
    }
    X509Certificate leaf = ca.issueLeaf(signing.getPublic(), fwid, random);
    return new SimulatedGpu(ca, ca.chain(leaf), signer, List.copyOf(measurements), opaque(fwid), random);
  }

  private static byte[] opaque(byte[] fwid) {
    byte[] counts = new byte[4 * MEASUREMENT_BLOCKS];
    for (int i = 0; i < MEASUREMENT_BLOCKS; i++) {
      System.arraycopy(SpdmReportWriter.u32(1), 0, counts, 4 * i, 4);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(SpdmReportWriter.opaqueItem(3,
        Arrays.copyOf(DRIVER_VERSION.getBytes(StandardCharsets.US_ASCII), DRIVER_VERSION.length() + 1)));
    out.writeBytes(SpdmReportWriter.opaqueItem(6, VBIOS_ITEM));
    out.writeBytes(SpdmReportWriter.opaqueItem(15, "SIMULATED".getBytes(StandardCharsets.US_ASCII)));
    out.writeBytes(SpdmReportWriter.opaqueItem(12, counts));
    out.writeBytes(SpdmReportWriter.opaqueItem(11, new byte[] {STATUS_OK}));
    out.writeBytes(SpdmReportWriter.opaqueItem(20, fwid));
    out.writeBytes(SpdmReportWriter.opaqueItem(21, new byte[] {STATUS_OK}));
    out.writeBytes(SpdmReportWriter.opaqueItem(34, SpdmReportWriter.u16(1)));
    out.writeBytes(SpdmReportWriter.opaqueItem(36, SpdmReportWriter.u16(0)));
    return out.toByteArray();
  }

  /**
   * A fresh signed report binding {@code nonce32} as the GET_MEASUREMENTS nonce, with the
   * chain.
   *
   * @throws MalformedEvidenceException ({@code gpu.nonce}) if the nonce is not exactly 32
   *     bytes: it is never padded or truncated
   */
  public GpuEvidence attest(byte[] nonce32) throws AttestationException {
    Objects.requireNonNull(nonce32, "nonce32");
    if (nonce32.length != NONCE_BYTES) {
      throw new MalformedEvidenceException("gpu.nonce", "the GET_MEASUREMENTS nonce must be exactly 32 bytes",
          NONCE_BYTES + " bytes", nonce32.length + " bytes");
    }
    byte[] responderNonce = new byte[NONCE_BYTES];
    random.nextBytes(responderNonce);
    byte[] signed = SpdmReportWriter.unsigned(nonce32, measurements, responderNonce, opaque);
    return GpuEvidence.of(Bytes.concat(signed, signer.sign(signed)), chain);
  }

  /** The simulated NVIDIA root, pinned as simulated. */
  public PinnedCertificate root() {
    return PinnedCertificate.simulatedRoot(SimulatorHome.GPU_ROOT_NAME, Platform.GPU, ca.root());
  }

  /** Measurement block index (1..64) to its digest: what every report of this GPU carries. */
  public java.util.SortedMap<Integer, byte[]> measurements() {
    java.util.TreeMap<Integer, byte[]> out = new java.util.TreeMap<>();
    for (int i = 0; i < measurements.size(); i++) {
      out.put(i + 1, measurements.get(i).clone());
    }
    return out;
  }

  /** The certificate chain, leaf first and the simulated root last. */
  public List<X509Certificate> chain() {
    return chain;
  }

  @Override
  public String toString() {
    return "SimulatedGpu[" + MEASUREMENT_BLOCKS + " measurement blocks, driver " + DRIVER_VERSION + ", simulated]";
  }
}
