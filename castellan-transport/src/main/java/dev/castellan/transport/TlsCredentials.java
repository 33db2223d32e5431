package dev.castellan.transport;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * This side's TLS key and certificate chain (leaf first). {@link #toString()} never shows the key.
 */
public record TlsCredentials(PrivateKey privateKey, List<X509Certificate> certificateChain) {
  /** Checks there is a key and at least the leaf certificate. */
  public TlsCredentials {
    Objects.requireNonNull(privateKey, "privateKey");
    certificateChain = List.copyOf(certificateChain);
    if (certificateChain.isEmpty()) {
      throw new IllegalArgumentException("the certificate chain needs at least the leaf certificate");
    }
  }

  @Override
  public String toString() {
    return "TlsCredentials[subject=" + certificateChain.getFirst().getSubjectX500Principal().getName() + "]";
  }
}
