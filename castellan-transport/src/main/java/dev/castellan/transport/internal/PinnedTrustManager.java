package dev.castellan.transport.internal;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a peer exactly when its leaf certificate's SubjectPublicKeyInfo is one of the pinned
 * ones and the certificate is within its validity period; any chain above the leaf is ignored.
 * No CA, no hostname check: the pin is the identity, so a certificate authority cannot add a
 * peer and the address a peer is reached at does not matter.
 */
public final class PinnedTrustManager extends X509ExtendedTrustManager {
  private final Set<String> pins;
  private final Clock clock;

  public PinnedTrustManager(Set<String> pins, Clock clock) {
    this.pins = Set.copyOf(pins);
    this.clock = clock;
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the peer presented no certificate");
    }
    X509Certificate leaf = chain[0];
    String pin = CertificatePins.pin(leaf);
    if (!pins.contains(pin)) {
      throw new CertificateException("the peer's certificate (SubjectPublicKeyInfo SHA-256 " + pin
          + ", subject " + leaf.getSubjectX500Principal().getName() + ") is not pinned");
    }
    leaf.checkValidity(Date.from(clock.instant()));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    check(chain);
  }

  /** Empty: no certificate_authorities hint, so each side presents its one certificate. */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
