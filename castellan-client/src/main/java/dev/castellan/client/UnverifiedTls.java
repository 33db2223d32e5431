package dev.castellan.client;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client TLS context that accepts any server certificate, for {@code --insecure-tls}.
 *
 * <p>An enclave's certificate is self-signed: no certificate authority can vouch for it.
 * Callers MUST get their trust elsewhere. The verifying client requires the presented key
 * to equal the attested {@code tlsKeyHash}; the log client verifies every record,
 * checkpoint and proof it reads. Used anywhere else, this context is simply insecure.
 */
public final class UnverifiedTls {
  private UnverifiedTls() {}

  public static SSLContext context() throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new AcceptAnyCertificate()}, null);
    return context;
  }

  /** Extended, so the JDK does not wrap it with hostname checks that mean nothing here. */
  private static final class AcceptAnyCertificate extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
