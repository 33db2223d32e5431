package dev.castellan.server.oracle;

import dev.castellan.core.hash.HashAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The per-boot TLS key and its self-signed certificate. Trust in the connection comes from
 * attestation, not from a certificate authority: the SHA-256 of the certificate's
 * SubjectPublicKeyInfo (DER) is bound into the attestation user data as {@code tlsKeyHash},
 * and the client compares it with the key the TLS handshake presented. Hashing the key, not
 * the whole certificate, keeps the binding stable if the certificate is reissued for the
 * same key.
 */
public final class TlsIdentity {
  /**
   * RFC 5280 §4.1.2.5's "no well-defined expiration date" (99991231235959Z): the key lives
   * exactly as long as the process, so the certificate must not expire under a long-running
   * oracle. Its validity carries no trust here; the attested key hash does, and a new boot
   * has a new key.
   */
  private static final Instant NOT_AFTER = Instant.parse("9999-12-31T23:59:59Z");
  /** TLS 1.3, then TLS 1.2 with ECDHE and an AEAD only (the key is ECDSA P-256). */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
  public static final List<String> CIPHER_SUITES = List.of(
      "TLS_AES_256_GCM_SHA384",
      "TLS_AES_128_GCM_SHA256",
      "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
  private static final char[] NO_PASSWORD = new char[0];

  private final KeyPair keyPair;
  private final X509Certificate certificate;

  private TlsIdentity(KeyPair keyPair, X509Certificate certificate) {
    this.keyPair = keyPair;
    this.certificate = certificate;
  }

  /** A fresh ECDSA P-256 key and a self-signed certificate for {@code localhost} and loopback. */
  public static TlsIdentity generate(SecureRandom random, Clock clock) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    return of(generator.generateKeyPair(), random, clock);
  }

  /**
   * A self-signed certificate for {@code localhost} and loopback over an existing ECDSA P-256
   * key: for a service whose clients pin its key across restarts (the broker), the key is
   * kept sealed and the certificate made anew at each start.
   */
  public static TlsIdentity of(KeyPair keyPair, SecureRandom random, Clock clock) throws GeneralSecurityException {
    Instant now = clock.instant();
    X500Name name = new X500Name("CN=castellan-oracle");
    byte[] serial = new byte[16];
    random.nextBytes(serial);
    try {
      var builder =
          new JcaX509v3CertificateBuilder(
              name,
              new BigInteger(1, serial),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(NOT_AFTER),
              name,
              keyPair.getPublic());
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1"),
              }));
      var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate());
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
      return new TlsIdentity(keyPair, certificate);
    } catch (OperatorCreationException | java.io.IOException e) {
      throw new GeneralSecurityException("cannot create the TLS certificate", e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** SHA-256 of the certificate's SubjectPublicKeyInfo: the {@code tlsKeyHash} binding. */
  public byte[] keyHash() {
    return keyHash(certificate);
  }

  /** The {@code tlsKeyHash} of any certificate, as a client computes it. */
  public static byte[] keyHash(X509Certificate certificate) {
    return HashAlgorithm.SHA_256.hash(certificate.getPublicKey().getEncoded());
  }

  /**
   * The server's handshake parameters: {@link #PROTOCOLS} and {@link #CIPHER_SUITES} only, in
   * our order. Renegotiation: TLS 1.3 has none; for TLS 1.2 the JDK's only switch is the
   * JVM-wide {@code jdk.tls.rejectClientInitiatedRenegotiation}, which {@link
   * #rejectRenegotiation()} sets before the first handshake.
   */
  public SSLParameters sslParameters() {
    SSLParameters parameters = new SSLParameters(CIPHER_SUITES.toArray(String[]::new), PROTOCOLS.toArray(String[]::new));
    parameters.setUseCipherSuitesOrder(true);
    parameters.setNeedClientAuth(false);
    return parameters;
  }

  /**
   * Refuses client-initiated TLS 1.2 renegotiation in this JVM (SunJSSE reads the property
   * when its handshake classes load, so call this before any TLS is used). An explicit
   * setting by the operator wins.
   */
  public static void rejectRenegotiation() {
    if (System.getProperty("jdk.tls.rejectClientInitiatedRenegotiation") == null) {
      System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
    }
  }

  /** A TLS server context presenting this identity; use it with {@link #sslParameters()}. */
  public SSLContext sslContext() throws GeneralSecurityException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("tls", keyPair.getPrivate(), NO_PASSWORD, new X509Certificate[] {certificate});
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(store, NO_PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), null, null);
      return context;
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("cannot build the TLS context", e);
    }
  }
}
