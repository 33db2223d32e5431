package dev.castellan.transport.internal;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.transport.PeerIdentity;
import java.security.cert.X509Certificate;

/** The pin of a certificate: SHA-256 of its DER SubjectPublicKeyInfo (RFC 7469 section 2.4). */
public final class CertificatePins {
  private CertificatePins() {}

  /** Lowercase hex SHA-256 of {@code certificate}'s SubjectPublicKeyInfo. */
  public static String pin(X509Certificate certificate) {
    // X509Certificate.getPublicKey().getEncoded() is the DER SubjectPublicKeyInfo (X.509 format).
    return Hex.encode(HashAlgorithm.SHA_256.hash(certificate.getPublicKey().getEncoded()));
  }

  /** The peer identity a verified certificate establishes. */
  public static PeerIdentity.Tls identity(X509Certificate certificate) {
    return new PeerIdentity.Tls(pin(certificate), certificate.getSubjectX500Principal().getName());
  }
}
