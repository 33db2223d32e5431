package dev.castellan.server.http;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** A test client's TLS context for the oracle's self-signed per-boot certificate. */
final class TrustAll {
  private TrustAll() {}

  static SSLContext context() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
      @Override public void checkClientTrusted(X509Certificate[] c, String a) {}
      @Override public void checkServerTrusted(X509Certificate[] c, String a) {}
      @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) {}
      @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) {}
      @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) {}
      @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) {}
      @Override public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    return context;
  }
}
