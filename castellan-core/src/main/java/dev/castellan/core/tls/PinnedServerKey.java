package dev.castellan.core.tls;

import dev.castellan.core.bytes.ConstantTime;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client TLS context that trusts the server exactly when its leaf certificate's
 * SubjectPublicKeyInfo hashes (SHA-256, compared in constant time) to the pin: the oracle's
 * attested {@code tlsKeyHash}, or the key broker's printed pin. The chain above the leaf, the
 * validity dates and the host name are not consulted: a self-signed service certificate has
 * nothing there to check, and the pin already names the one key. Extended, so the JDK adds no
 * host-name check. There is no way to build one without a pin.
 */
public final class PinnedServerKey extends X509ExtendedTrustManager {
  private final byte[] keyHash;

  private PinnedServerKey(byte[] keyHash) {
    this.keyHash = keyHash.clone();
  }

  /** The presented key is not the pinned one; the message holds only the two hashes. */
  public static final class Mismatch extends CertificateException {
    private static final long serialVersionUID = 1L;

    Mismatch(String message) {
      super(message);
    }
  }

  /**
   * A client context trusting only the server key whose SubjectPublicKeyInfo SHA-256 is {@code keyHash}.
   *
   * @throws IllegalArgumentException if the pin is not 32 bytes
   */
  public static SSLContext context(byte[] keyHash) throws GeneralSecurityException {
    if (keyHash.length != 32) {
      throw new IllegalArgumentException("a TLS pin is the 32-byte SHA-256 of the SubjectPublicKeyInfo");
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new PinnedServerKey(keyHash)}, null);
    return context;
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server presented no certificate");
    }
    byte[] presented = HashAlgorithm.SHA_256.hash(chain[0].getPublicKey().getEncoded());
    if (!ConstantTime.equals(presented, keyHash)) {
      throw new Mismatch("the server's TLS key (SHA-256 " + Hex.encode(presented)
          + ") is not the pinned one (" + Hex.encode(keyHash) + ")");
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    check(chain);
  }

  /** A client context: it is never asked to trust a client. */
  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("this context trusts no clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    throw new CertificateException("this context trusts no clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    throw new CertificateException("this context trusts no clients");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
