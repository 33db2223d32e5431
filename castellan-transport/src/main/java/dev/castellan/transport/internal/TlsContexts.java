package dev.castellan.transport.internal;

import dev.castellan.transport.TlsCredentials;
import dev.castellan.transport.TransportException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** A TLS 1.3 context presenting one key and trusting only pinned peers. */
public final class TlsContexts {
  private TlsContexts() {}

  public static SSLContext create(TlsCredentials credentials, Set<String> pins, Clock clock)
      throws TransportException {
    try {
      // An in-memory key store is how JSSE takes a key; its password protects nothing on disk.
      char[] password = new char[0];
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("castellan", credentials.privateKey(), password,
          credentials.certificateChain().toArray(new X509Certificate[0]));
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, password);
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(keyManagers.getKeyManagers(),
          new TrustManager[] {new PinnedTrustManager(pins, clock)}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new TransportException("cannot set up TLS with these credentials: " + e.getMessage(), e);
    }
  }
}
