package dev.castellan.attestation.gpu;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test-only certificates shaped like a Hopper chain (P-384, ecdsa-with-SHA384, a leaf with
 * the FWID extension), issued by a test root, and report signatures by their leaf: so the
 * chain checks that no real chain can exercise (structure, CA flags, key usage, validity)
 * are tested on otherwise valid evidence.
 */
final class GpuForge {
  static final Instant NOT_BEFORE = Instant.parse("2022-01-01T00:00:00Z");
  static final Instant NOT_AFTER = Instant.parse("2099-01-01T00:00:00Z");
  private static final SecureRandom RANDOM = new SecureRandom();

  private GpuForge() {}

  /** How a forged certificate differs from a well-formed one. */
  record Shape(boolean authority, Integer pathLength, int keyUsage, Instant notAfter, boolean unknownCriticalExtension,
      String curve, byte[] fwid) {
    static Shape ca() {
      return new Shape(true, null, KeyUsage.keyCertSign | KeyUsage.cRLSign, NOT_AFTER, false, "secp384r1", null);
    }

    static Shape leaf(byte[] fwid) {
      return new Shape(false, null, KeyUsage.digitalSignature, NOT_AFTER, false, "secp384r1", fwid);
    }

    Shape withCa(boolean isCa) {
      return new Shape(isCa, pathLength, keyUsage, notAfter, unknownCriticalExtension, curve, fwid);
    }

    Shape withPathLength(int length) {
      return new Shape(authority, length, keyUsage, notAfter, unknownCriticalExtension, curve, fwid);
    }

    Shape withKeyUsage(int usage) {
      return new Shape(authority, pathLength, usage, notAfter, unknownCriticalExtension, curve, fwid);
    }

    Shape withNotAfter(Instant instant) {
      return new Shape(authority, pathLength, keyUsage, instant, unknownCriticalExtension, curve, fwid);
    }

    Shape withUnknownCriticalExtension() {
      return new Shape(authority, pathLength, keyUsage, notAfter, true, curve, fwid);
    }

    Shape withCurve(String name) {
      return new Shape(authority, pathLength, keyUsage, notAfter, unknownCriticalExtension, name, fwid);
    }
  }

  record Issued(X509Certificate certificate, KeyPair keys) {}

  static KeyPair keys(String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve), RANDOM);
    return generator.generateKeyPair();
  }

  /** A certificate for {@code subject} with {@code shape}, issued by {@code issuer} (null: self-signed). */
  static Issued issue(String subject, Shape shape, Issued issuer) throws Exception {
    KeyPair keys = keys(shape.curve());
    X500Name name = new X500Name("CN=" + subject + ",O=Castellan test");
    X500Name issuerName = issuer == null ? name
        : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
    PrivateKey signingKey = issuer == null ? keys.getPrivate() : issuer.keys().getPrivate();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
        new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(NOT_BEFORE), Date.from(shape.notAfter()), name,
        keys.getPublic());
    if (shape.authority()) {
      builder.addExtension(Extension.basicConstraints, true,
          shape.pathLength() == null ? new BasicConstraints(true) : new BasicConstraints(shape.pathLength()));
    }
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(shape.keyUsage()));
    if (shape.unknownCriticalExtension()) {
      builder.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true, new DEROctetString(new byte[1]));
    }
    if (shape.fwid() != null) {
      ASN1EncodableVector digest = new ASN1EncodableVector();
      digest.add(new ASN1ObjectIdentifier("2.16.840.1.101.3.4.2.2"));
      digest.add(new DEROctetString(shape.fwid()));
      ASN1EncodableVector tcbInfo = new ASN1EncodableVector();
      tcbInfo.add(new ASN1Integer(1));
      tcbInfo.add(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
      tcbInfo.add(new DERSequence(digest));
      builder.addExtension(new ASN1ObjectIdentifier(GpuCertificateChain.FWID_OID), false, new DERSequence(tcbInfo));
    }
    // SHA-384 whatever the issuer's curve, so a P-256 key is caught as a key, not as an algorithm.
    String algorithm = "SHA384withECDSA";
    X509Certificate certificate = new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signingKey)));
    return new Issued(certificate, keys);
  }

  /** {@code report} with its signature replaced by one of {@code key} over its signed part. */
  static byte[] resign(byte[] report, PrivateKey key) throws Exception {
    GpuReport parsed = GpuReport.parse(report);
    Signature signer = Signature.getInstance("SHA384withECDSAinP1363Format");
    signer.initSign(key);
    signer.update(report, 0, parsed.signedLength());
    byte[] signature = signer.sign();
    byte[] out = report.clone();
    System.arraycopy(signature, 0, out, parsed.signedLength(), GpuReport.SIGNATURE_SIZE);
    return out;
  }
}
