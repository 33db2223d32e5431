package dev.castellan.keys.pkcs11;

import dev.castellan.core.signature.EcdsaCurve;
import dev.castellan.core.signature.EcdsaPublicKey;
import dev.castellan.core.signature.Ed25519PublicKey;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * A token's {@code CKA_EC_POINT} as a SubjectPublicKeyInfo. PKCS#11 v2.40 has the point
 * DER-wrapped in an OCTET STRING; some modules (and PKCS#11 3.0 for Edwards keys, by one
 * reading) give it raw. The two forms differ in length, so both are read unambiguously, and
 * the key is validated by the core's parsers (on the curve, canonical, not small-order).
 */
final class PublicKeys {
  private PublicKeys() {}

  static byte[] spki(Pkcs11KeyType type, byte[] ecPoint) throws Pkcs11Exception {
    int raw = type == Pkcs11KeyType.P256 ? 65 : 32;
    byte[] point;
    if (ecPoint.length == raw) {
      point = ecPoint;
    } else if (ecPoint.length == raw + 2 && ecPoint[0] == 0x04 && (ecPoint[1] & 0xff) == raw) {
      point = Arrays.copyOfRange(ecPoint, 2, ecPoint.length);
    } else {
      throw new Pkcs11Exception("the token's " + type.id() + " public key (CKA_EC_POINT, " + ecPoint.length
          + " bytes) is neither a raw nor a DER-wrapped point");
    }
    try {
      return type == Pkcs11KeyType.P256
          ? EcdsaPublicKey.fromSec1(EcdsaCurve.P_256, point).toSpkiDer()
          : Ed25519PublicKey.fromBytes(point).toSpkiDer();
    } catch (GeneralSecurityException e) {
      throw new Pkcs11Exception("the token's " + type.id() + " public key is not a valid point");
    }
  }

  /** The SubjectPublicKeyInfo as a PEM {@code PUBLIC KEY} block, for {@code openssl -pubin}. */
  static String pem(Pkcs11KeyType type, byte[] spki) {
    try {
      return type == Pkcs11KeyType.P256 ? EcdsaPublicKey.fromSpkiDer(spki).toPem() : Ed25519PublicKey.fromSpkiDer(spki).toPem();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("an SPKI built from a validated key does not parse", e);
    }
  }
}
