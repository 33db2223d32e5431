package dev.castellan.attestation.gpu;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.internal.Pkix;
import dev.castellan.core.bytes.Hex;
import dev.castellan.testkit.Vectors;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The NVIDIA Hopper vectors of {@code vectors/gpu/} (see its README): two real reports with
 * their chains, the chain cases and the NVIDIA Device Identity CA, the tests' anchor.
 */
final class GpuVectors {
  static final String DIR = "gpu/nvidia/";
  static final String REPORT_1 = DIR + "hopperAttestationReport.txt";
  static final String CHAIN_1 = DIR + "hopper_cert_chain_case1.txt";
  static final String REPORT_2 = DIR + "hopper_coco_report1.txt";
  static final String CHAIN_2 = DIR + "hopper_coco_certs1.txt";
  static final String CLAIMS_1 = DIR + "hopperAttestationReport-claims.txt";

  /** The README's expected nonce of report 1 (its bytes 4..35). */
  static final String NONCE_1 = "931d8dd0add203ac3d8b4fbde75e115278eefcdceac5b87671a748f32364dfcb";

  /** The README's expected report data of report 2; its first 32 bytes are the request nonce. */
  static final String REPORT_DATA_2 =
      "87d8e24ab336adafe228d49e83d745f6dba4ae505372b6a5704820856b343fece279b616efefc2aae21da80cf5581250";

  /** After every notBefore (the latest is 2022-03-01) and long before 9999. */
  static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

  private GpuVectors() {}

  /**
   * Skips the calling test when the GPU vectors are absent. Called before a test, so that the
   * skip is not taken for the exception an {@code assertThatThrownBy} expects.
   */
  static void requireVectors() {
    Vectors.path(DIR);
  }

  static byte[] report(String file) {
    return HexFormat.of().parseHex(Vectors.text(file).strip());
  }

  static String chainText(String file) {
    return Vectors.text(file);
  }

  static List<X509Certificate> chain(String file) throws AttestationException {
    return GpuCertificateChain.parsePem(chainText(file));
  }

  static byte[] nonce2() {
    return Hex.decode(REPORT_DATA_2.substring(0, 64));
  }

  /** Exactly the vectors' NVIDIA root, pinned by its SHA-256. */
  static TrustAnchors anchors() throws AttestationException {
    X509Certificate root = Pkix.parsePem(Vectors.text(DIR + "nvidia_device_root.pem"), "test").getFirst();
    return TrustAnchors.of(PinnedCertificate.vendor("nvidia-device-identity-ca", Platform.GPU, root,
        Hex.encode(Pkix.sha256(root)), true));
  }

  static VerificationRequest request(byte[] nonce) {
    return VerificationRequest.at(TIME, Freshness.nonce(nonce));
  }

  static AttestationResult verify(byte[] report, String chainFile, byte[] nonce) throws AttestationException {
    return GpuVerifier.create(anchors()).verify(GpuEvidence.of(report, chain(chainFile)), request(nonce));
  }
}
