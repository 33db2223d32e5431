package dev.castellan.attestation;

import dev.castellan.attestation.internal.BundledAnchors;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The certificates a verifier trusts, each pinned by the SHA-256 of its DER encoding.
 *
 * <p>Contract: a root certificate found inside evidence (a Nitro {@code cabundle[0]}, the
 * last certificate of a TDX PCK chain) is trusted only if it is byte-identical to a pinned
 * root of this set; "whatever root the evidence carries" is never trusted. {@link
 * #bundled()} holds the public vendor roots Castellan ships as resources: AWS Nitro
 * Enclaves Root G1, AMD ARK Milan/Genoa/Turin (with the ASK and ASVK intermediates), Intel
 * SGX Root CA, Google's GCE vTPM EK root and the NVIDIA Device Identity CA (GPU).
 */
public final class TrustAnchors {
  private final List<PinnedCertificate> certificates;

  private TrustAnchors(List<PinnedCertificate> certificates) {
    this.certificates = List.copyOf(certificates);
  }

  /** The vendor anchors shipped with Castellan; each file is checked against its pin. */
  public static TrustAnchors bundled() {
    return Holder.BUNDLED;
  }

  /** Exactly the given certificates (e.g. a simulated root, for the simulator's evidence). */
  public static TrustAnchors of(PinnedCertificate... certificates) {
    return new TrustAnchors(Arrays.asList(certificates));
  }

  public static TrustAnchors of(List<PinnedCertificate> certificates) {
    return new TrustAnchors(certificates);
  }

  /** This set plus {@code more}. */
  public TrustAnchors plus(PinnedCertificate... more) {
    List<PinnedCertificate> all = new ArrayList<>(certificates);
    all.addAll(Arrays.asList(more));
    return new TrustAnchors(all);
  }

  /** Every pinned certificate. */
  public List<PinnedCertificate> all() {
    return certificates;
  }

  /** The pinned roots for {@code platform}. */
  public List<PinnedCertificate> roots(Platform platform) {
    return certificates.stream().filter(c -> c.root() && c.platform() == platform).toList();
  }

  /** The pinned intermediates for {@code platform} (AMD ASK/ASVK). */
  public List<PinnedCertificate> intermediates(Platform platform) {
    return certificates.stream().filter(c -> !c.root() && c.platform() == platform).toList();
  }

  /** The pinned root for {@code platform} byte-identical to {@code certificate}, if any. */
  public Optional<PinnedCertificate> matchRoot(Platform platform, X509Certificate certificate) {
    ByteString digest = ByteString.of(dev.castellan.attestation.internal.Pkix.sha256(certificate));
    return roots(platform).stream().filter(c -> c.sha256().equals(digest)).findFirst();
  }

  /** A pinned certificate by name. */
  public Optional<PinnedCertificate> byName(String name) {
    return certificates.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  private static final class Holder {
    static final TrustAnchors BUNDLED = new TrustAnchors(BundledAnchors.load());
  }
}
