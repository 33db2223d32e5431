package dev.castellan.client;

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
 * SubjectPublicKeyInfo hashes (SHA-256) to the pinned {@code tlsKeyHash}: the attested key, not
 * a certificate authority, is the oracle's identity (docs/http-api.md, "Transport"). The
 * chain above the leaf, the validity dates and the host name are not consulted: an enclave's
 * self-signed certificate has nothing there to check, and the pin already names the one key.
 * It never accepts a key because nothing was pinned: there is no such constructor.
 */
final class PinnedTlsKey extends X509ExtendedTrustManager {
  private final byte[] keyHash;

  private PinnedTlsKey(byte[] keyHash) {
    this.keyHash = keyHash.clone();
  }

  /** The presented key is not the pinned one; the message holds only the two hashes. */
  static final class Mismatch extends CertificateException {
    private static final long serialVersionUID = 1L;

    Mismatch(String message) {
      super(message);
    }
  }

  static SSLContext context(byte[] keyHash) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new PinnedTlsKey(keyHash)}, null);
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
