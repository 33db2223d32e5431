package dev.castellan.attestation.nitro;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds validly signed documents that break one rule, by re-signing a real document's
 * payload with a throw-away P-384 key whose self-signed root is NOT pinned.
 */
final class NitroForge {
  final KeyPair rootKey;
  final KeyPair leafKey;
  final X509Certificate root;
  final X509Certificate leaf;

  NitroForge(Instant around) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp384r1"));
    rootKey = gen.generateKeyPair();
    leafKey = gen.generateKeyPair();
    Date from = Date.from(around.minusSeconds(3600));
    Date until = Date.from(around.plusSeconds(3600));
    X500Principal rootName = new X500Principal("CN=forged-root");
    root = sign(new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE, from, until, rootName, rootKey.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)), rootKey);
    leaf = sign(new JcaX509v3CertificateBuilder(rootName, BigInteger.TWO, from, until,
        new X500Principal("CN=forged-leaf"), leafKey.getPublic()), rootKey);
  }

  private static X509Certificate sign(org.bouncycastle.cert.X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA384withECDSA").build(issuer.getPrivate())));
  }

  /** The payload of {@code document}, with members replaced by {@code edit}. */
  static CborMap payload(byte[] document) throws Exception {
    List<CborValue> cose = Cbor.decode(document, CborLimits.WELL_FORMED).asArray();
    return Cbor.decode(cose.get(2).asBytes(), CborLimits.WELL_FORMED).asMap();
  }

  static CborMap edit(CborMap map, UnaryOperator<Map<String, CborValue>> edit) throws Exception {
    Map<String, CborValue> members = new java.util.LinkedHashMap<>();
    for (var e : map.entries()) {
      members.put(e.getKey().asText(), e.getValue());
    }
    CborMap.Builder out = CborMap.builder();
    edit.apply(members).forEach(out::put);
    return out.build();
  }

  /** A COSE_Sign1 over {@code payload} with {@code protectedHeader}, signed by the forged leaf. */
  byte[] sign(byte[] protectedHeader, CborMap payload) throws Exception {
    byte[] payloadBytes = Cbor.encode(payload);
    byte[] tbs = Cbor.encode(CborValue.array(CborValue.of("Signature1"), CborValue.of(protectedHeader),
        CborValue.of(new byte[0]), CborValue.of(payloadBytes)));
    Signature signer = Signature.getInstance("SHA384withECDSAinP1363Format");
    signer.initSign(leafKey.getPrivate());
    signer.update(tbs);
    return Cbor.encode(CborValue.array(CborValue.of(protectedHeader), CborMap.builder().build(),
        CborValue.of(payloadBytes), CborValue.of(signer.sign())));
  }

  static byte[] es384Header() {
    return Cbor.encode(CborMap.builder().put(1, CborValue.of(-35)).build());
  }
}
