package dev.castellan.keys.broker.client;

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
 * A client TLS context that trusts exactly one server key: the leaf certificate's
 * SubjectPublicKeyInfo SHA-256 must equal the pin (compared in constant time). Nothing else is
 * consulted, neither a CA nor the host name: the broker's certificate is self-signed and its
 * key, sealed in the broker's data directory, is its identity. Extended, so the JDK does not
 * add host-name checks that mean nothing here.
 */
public final class PinnedTls {
  private PinnedTls() {}

  public static SSLContext context(byte[] pin) throws GeneralSecurityException {
    if (pin.length != 32) {
      throw new IllegalArgumentException("a TLS pin is the 32-byte SHA-256 of the SubjectPublicKeyInfo");
    }
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(null, new TrustManager[] {new Pinned(pin.clone())}, null);
    return context;
  }

  private static final class Pinned extends X509ExtendedTrustManager {
    private final byte[] pin;

    Pinned(byte[] pin) {
      this.pin = pin;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("the broker presented no certificate");
      }
      byte[] actual = HashAlgorithm.SHA_256.hash(chain[0].getPublicKey().getEncoded());
      if (!ConstantTime.equals(actual, pin)) {
        throw new CertificateException("the broker's TLS key (SubjectPublicKeyInfo SHA-256 " + Hex.encode(actual)
            + ") is not the pinned one (" + Hex.encode(pin) + ")");
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

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("this context is for clients only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      throw new CertificateException("this context is for clients only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      throw new CertificateException("this context is for clients only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
