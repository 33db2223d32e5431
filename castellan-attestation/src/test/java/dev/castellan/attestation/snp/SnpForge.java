package dev.castellan.attestation.snp;

import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away AMD-like hierarchy (ARK → ASK → VCEK, all P-384) that signs reports, so tests
 * can build validly signed reports that break one binding rule, and CRLs. Its ARK is
 * trusted only as a simulated root.
 */
final class SnpForge {
  static final String AMD = "1.3.6.1.4.1.3704.1.";
  final KeyPair arkKey;
  final KeyPair askKey;
  final KeyPair vcekKey;
  final X509Certificate ark;
  final X509Certificate ask;
  final Instant from;

  SnpForge(Instant around) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp384r1"));
    arkKey = gen.generateKeyPair();
    askKey = gen.generateKeyPair();
    vcekKey = gen.generateKeyPair();
    from = around.minusSeconds(86400);
    X500Principal arkName = new X500Principal("CN=ARK-Forged");
    X500Principal askName = new X500Principal("CN=SEV-Forged");
    ark = sign(ca(arkName, arkName, arkKey, 1), arkKey);
    ask = sign(ca(arkName, askName, askKey, 2), arkKey);
  }

  private JcaX509v3CertificateBuilder ca(X500Principal issuer, X500Principal subject, KeyPair key, int serial) throws Exception {
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial),
        Date.from(from), Date.from(from.plusSeconds(10 * 86400)), subject, key.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    return b;
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA384withECDSA").build(issuer.getPrivate())));
  }

  /** A VCEK (hwID set) or VLEK (cspID set) with the given SPLs: bl, tee, snp, ucode. */
  X509Certificate endorsement(int[] spl, byte[] hwId, boolean vlek) throws Exception {
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Principal("CN=SEV-Forged"),
        BigInteger.ZERO, Date.from(from), Date.from(from.plusSeconds(10 * 86400)),
        new X500Principal(vlek ? "CN=SEV-VLEK" : "CN=SEV-VCEK"), vcekKey.getPublic());
    ext(b, "3.1", new ASN1Integer(spl[0]));
    ext(b, "3.2", new ASN1Integer(spl[1]));
    ext(b, "3.3", new ASN1Integer(spl[2]));
    ext(b, "3.8", new ASN1Integer(spl[3]));
    ext(b, "2", new DERIA5String("Milan-B0"));
    if (vlek) {
      ext(b, "5", new DERIA5String("CN=forged-csp"));
    } else {
      b.addExtension(new ASN1ObjectIdentifier(AMD + "4"), false, hwId);
    }
    return sign(b, askKey);
  }

  private static void ext(JcaX509v3CertificateBuilder b, String suffix, ASN1Encodable value) throws Exception {
    b.addExtension(new ASN1ObjectIdentifier(AMD + suffix), false, value.toASN1Primitive().getEncoded());
  }

  /** Signs {@code report} in place (signature over 0x000-0x29F, r and s little-endian). */
  byte[] sign(byte[] report) throws Exception {
    Signature signer = Signature.getInstance("SHA384withECDSAinP1363Format");
    signer.initSign(vcekKey.getPrivate());
    signer.update(report, 0, 0x2A0);
    byte[] rs = signer.sign();
    java.util.Arrays.fill(report, 0x2A0, 0x4A0, (byte) 0);
    for (int i = 0; i < 48; i++) {
      report[0x2A0 + i] = rs[47 - i];
      report[0x2E8 + i] = rs[95 - i];
    }
    return report;
  }

  TrustAnchors anchors() {
    return TrustAnchors.of(PinnedCertificate.simulatedRoot("forged-ark", Platform.SEV_SNP, ark),
        PinnedCertificate.simulatedIntermediate("forged-ask", Platform.SEV_SNP, ask));
  }

  /** A CRL by the ARK valid for [thisUpdate, nextUpdate], revoking the ASK if asked. */
  X509CRL crl(Instant thisUpdate, Instant nextUpdate, boolean revokeAsk) throws Exception {
    JcaX509v2CRLBuilder b = new JcaX509v2CRLBuilder(ark, Date.from(thisUpdate));
    b.setNextUpdate(Date.from(nextUpdate));
    if (revokeAsk) {
      b.addCRLEntry(ask.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
    }
    return new JcaX509CRLConverter().getCRL(b.build(new JcaContentSignerBuilder("SHA384withECDSA").build(arkKey.getPrivate())));
  }

  static byte[] octets(byte[] raw) throws Exception {
    return new DEROctetString(raw).getEncoded();
  }
}
