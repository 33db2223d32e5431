package dev.castellan.transport;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Throwaway self-signed P-256 certificates, made fresh for each test run; none is stored. */
final class TestCertificates {
  private TestCertificates() {}

  static TlsCredentials selfSigned(String commonName) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=" + commonName);
    Instant now = Instant.now();
    var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofHours(1))), name, pair.getPublic());
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
    X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    return new TlsCredentials(pair.getPrivate(), List.of(certificate));
  }

  static X509Certificate leaf(TlsCredentials credentials) {
    return credentials.certificateChain().getFirst();
  }
}
