package dev.castellan.attestation;

import dev.castellan.attestation.internal.Pkix;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate trusted because its SHA-256 (over the DER encoding) is pinned: a vendor root,
 * a vendor intermediate shipped with the verifier (AMD ASK/ASVK), or a simulated root.
 *
 * @param name a stable human-readable name, e.g. {@code amd-ark-milan}: letters, digits, '.',
 *     '_' and '-', at most 128
 * @param platform the platform it endorses
 * @param certificate the certificate
 * @param sha256 SHA-256 of {@code certificate.getEncoded()}
 * @param root true for a trust anchor, false for a shipped intermediate
 * @param simulated true if it belongs to the simulator; results chaining to it are labelled
 *     simulated
 */
public record PinnedCertificate(
    String name,
    Platform platform,
    X509Certificate certificate,
    ByteString sha256,
    boolean root,
    boolean simulated) {
  /** Names are also collateral ids (a CRL is looked up by its root's name): same rule. */
  private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  public PinnedCertificate {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "certificate name must be 1-128 of A-Z a-z 0-9 . _ - (starting with a letter or digit)");
    }
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(certificate, "certificate");
    if (!sha256.equals(ByteString.of(Pkix.sha256(certificate)))) {
      throw new IllegalArgumentException("pin mismatch for " + name);
    }
  }

  /**
   * A pinned vendor certificate.
   *
   * @throws IllegalArgumentException if the certificate's SHA-256 is not {@code sha256Hex}
   */
  public static PinnedCertificate vendor(
      String name, Platform platform, X509Certificate certificate, String sha256Hex, boolean root) {
    return new PinnedCertificate(
        name, platform, certificate, ByteString.fromHex(sha256Hex), root, false);
  }

  /** A simulated root: trusted as an anchor, and results chaining to it are simulated. */
  public static PinnedCertificate simulatedRoot(
      String name, Platform platform, X509Certificate certificate) {
    return new PinnedCertificate(
        name, platform, certificate, ByteString.of(Pkix.sha256(certificate)), true, true);
  }

  /** A simulated intermediate (e.g. a simulated ASK). */
  public static PinnedCertificate simulatedIntermediate(
      String name, Platform platform, X509Certificate certificate) {
    return new PinnedCertificate(
        name, platform, certificate, ByteString.of(Pkix.sha256(certificate)), false, true);
  }
}
