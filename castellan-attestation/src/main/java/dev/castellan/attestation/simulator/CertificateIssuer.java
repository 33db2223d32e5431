package dev.castellan.attestation.simulator;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the simulated vendors' X.509 certificates with BouncyCastle. The provider instance
 * is private to this class (never registered globally), used only for RSASSA-PSS signing.
 */
final class CertificateIssuer {
  /** ECDSA P-384 with SHA-384: the signature of every Nitro certificate. */
  static final String ECDSA_SHA384 = "SHA384withECDSA";

  /** RSASSA-PSS, SHA-384, MGF1-SHA-384, salt 48: the signature AMD's ARK and ASK make. */
  static final String RSA_PSS_SHA384 = "SHA384withRSAandMGF1";

  private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

  /** An extra non-critical extension whose value is the given DER (or raw) bytes. */
  record RawExtension(String oid, byte[] value) {}

  /** What a certificate is: a CA with a path length (or none), or an end entity. */
  record Profile(boolean ca, Integer pathLength, int keyUsage, boolean standardExtensions) {
    static Profile ca(Integer pathLength) {
      return new Profile(true, pathLength, KeyUsage.keyCertSign | KeyUsage.cRLSign, true);
    }

    static Profile leaf() {
      return new Profile(false, null, KeyUsage.digitalSignature, true);
    }

    /** No basic constraints, key usage or key identifiers: AMD's VCEK carries none. */
    static Profile bare() {
      return new Profile(false, null, 0, false);
    }
  }

  private CertificateIssuer() {}

  /** ECDSA P-256 with SHA-256: the signature of every Intel SGX/TDX PKI certificate. */
  static final String ECDSA_SHA256 = "SHA256withECDSA";

  static KeyPair p256(SecureRandom random) {
    return ec("secp256r1", random);
  }

  static KeyPair p384(SecureRandom random) {
    return ec("secp384r1", random);
  }

  private static KeyPair ec(String curve, SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + curve, e);
    }
  }

  static KeyPair rsa4096(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks RSA-4096", e);
    }
  }

  /**
   * Issues a certificate for {@code subjectKey} signed by {@code issuerKey}.
   *
   * @param issuer the issuer's certificate, or null for a self-signed certificate
   */
  static X509Certificate issue(
      X500Principal subject,
      PublicKey subjectKey,
      X509Certificate issuer,
      PrivateKey issuerKey,
      String signatureAlgorithm,
      Instant notBefore,
      Instant notAfter,
      Profile profile,
      List<RawExtension> extras,
      SecureRandom random) {
    try {
      X500Principal issuerName = issuer == null ? subject : issuer.getSubjectX500Principal();
      // A positive 127-bit serial: unique without coordination, within RFC 5280's 20 octets.
      BigInteger serial = new BigInteger(127, random).setBit(126);
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuerName, serial, Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
      if (profile.standardExtensions()) {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(
            Extension.basicConstraints,
            true,
            profile.ca()
                ? (profile.pathLength() == null
                    ? new BasicConstraints(true)
                    : new BasicConstraints(profile.pathLength()))
                : new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(profile.keyUsage()));
        builder.addExtension(
            Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
        if (issuer != null) {
          builder.addExtension(
              Extension.authorityKeyIdentifier,
              false,
              utils.createAuthorityKeyIdentifier(issuer.getPublicKey()));
        }
      }
      for (RawExtension extra : extras) {
        builder.addExtension(new Extension(new ASN1ObjectIdentifier(extra.oid()), false, extra.value()));
      }
      JcaContentSignerBuilder signerBuilder = new JcaContentSignerBuilder(signatureAlgorithm);
      if (signatureAlgorithm.equals(RSA_PSS_SHA384)) {
        signerBuilder.setProvider(PROVIDER);
      }
      ContentSigner signer = signerBuilder.setSecureRandom(random).build(issuerKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("issuing a simulated certificate failed", e);
    }
  }
}
