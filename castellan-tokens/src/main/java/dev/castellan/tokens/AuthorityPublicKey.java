package dev.castellan.tokens;

import dev.castellan.core.bytes.Bytes;
import dev.castellan.core.cbor.CborBytes;
import dev.castellan.core.cbor.CborInteger;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.cose.CoseAlgorithm;
import dev.castellan.core.signature.EcdsaCurve;
import dev.castellan.core.signature.EcdsaPublicKey;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.EcdsaVerifier;
import dev.castellan.core.signature.Ed25519PublicKey;
import dev.castellan.core.signature.Ed25519Verifier;
import dev.castellan.core.signature.PublicKeyVerify;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;

/**
 * A public signing key of the token authority: ECDSA P-256 (COSE {@code ES256}) or Ed25519
 * (COSE {@code EdDSA}), with its {@link KeyId} (the RFC 9679 thumbprint of {@link
 * #toCoseKey()}). Immutable; compares by key.
 *
 * <p>{@link #fromCoseKey} MUST accept exactly the thumbprint members of the key type ({@code
 * kty}, {@code crv}, {@code x}, and {@code y} for EC2, no other label) and a valid point: so the
 * map a key set carries is exactly the input of its thumbprint, and a kid can be recomputed by
 * anyone.
 */
public final class AuthorityPublicKey {
  private static final int COORDINATE_LENGTH = 32;

  private final CoseAlgorithm algorithm;
  private final CborMap coseKey;
  private final PublicKeyVerify verifier;
  private final KeyId keyId;

  private AuthorityPublicKey(CoseAlgorithm algorithm, CborMap coseKey, PublicKeyVerify verifier) {
    this.algorithm = algorithm;
    this.coseKey = coseKey;
    this.verifier = verifier;
    this.keyId = CoseKeyThumbprint.sha256(coseKey);
  }

  /** An ES256 key; it MUST be on P-256. */
  public static AuthorityPublicKey ecdsaP256(EcdsaPublicKey key) throws InvalidKeyException {
    if (key.curve() != EcdsaCurve.P_256) {
      throw new InvalidKeyException("authority ECDSA keys are P-256 (ES256)");
    }
    byte[] point = key.toSec1Uncompressed();
    CborMap map = CoseKeyThumbprint.ec2(
        CoseKeyThumbprint.CRV_P256,
        Arrays.copyOfRange(point, 1, 1 + COORDINATE_LENGTH),
        Arrays.copyOfRange(point, 1 + COORDINATE_LENGTH, point.length));
    return new AuthorityPublicKey(
        CoseAlgorithm.ES256, map, EcdsaVerifier.create(key, EcdsaSignatureEncoding.IEEE_P1363));
  }

  /** An EdDSA (Ed25519) key. */
  public static AuthorityPublicKey ed25519(Ed25519PublicKey key) {
    CborMap map = CoseKeyThumbprint.okp(CoseKeyThumbprint.CRV_ED25519, key.toBytes());
    return new AuthorityPublicKey(CoseAlgorithm.EDDSA, map, Ed25519Verifier.create(key));
  }

  /**
   * Reads a COSE_Key (RFC 9052 §7) that holds exactly the thumbprint members.
   *
   * @throws InvalidKeyException for any other label, type, curve, length or an invalid point
   */
  public static AuthorityPublicKey fromCoseKey(CborValue value) throws InvalidKeyException {
    if (!(value instanceof CborMap map)) {
      throw new InvalidKeyException("COSE_Key must be a map");
    }
    long kty = label(map, CoseKeyThumbprint.KTY);
    long crv = label(map, CoseKeyThumbprint.CRV);
    byte[] x = coordinate(map, CoseKeyThumbprint.X);
    try {
      if (kty == CoseKeyThumbprint.KTY_EC2 && crv == CoseKeyThumbprint.CRV_P256 && map.size() == 4) {
        byte[] y = coordinate(map, CoseKeyThumbprint.Y);
        byte[] sec1 = Bytes.concat(new byte[] {4}, x, y);
        return ecdsaP256(EcdsaPublicKey.fromSec1(EcdsaCurve.P_256, sec1));
      }
      if (kty == CoseKeyThumbprint.KTY_OKP && crv == CoseKeyThumbprint.CRV_ED25519 && map.size() == 3) {
        return ed25519(Ed25519PublicKey.fromBytes(x));
      }
    } catch (InvalidKeyException e) {
      throw e;
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new InvalidKeyException("COSE_Key does not hold a valid public key", e);
    }
    throw new InvalidKeyException("COSE_Key must be EC2/P-256 {1,-1,-2,-3} or OKP/Ed25519 {1,-1,-2}");
  }

  private static long label(CborMap map, long label) throws InvalidKeyException {
    if (!(map.get(label) instanceof CborInteger integer) || integer.isNegative() || !integer.fitsLong()) {
      throw new InvalidKeyException("COSE_Key label " + label + " must be an unsigned integer");
    }
    return integer.argument();
  }

  private static byte[] coordinate(CborMap map, long label) throws InvalidKeyException {
    if (!(map.get(label) instanceof CborBytes bytes) || bytes.length() != COORDINATE_LENGTH) {
      throw new InvalidKeyException("COSE_Key label " + label + " must be a 32-byte string");
    }
    return bytes.bytes();
  }

  /** {@code ES256} or {@code EdDSA}: the only algorithm this key verifies. */
  public CoseAlgorithm algorithm() {
    return algorithm;
  }

  /** The RFC 9679 thumbprint. */
  public KeyId keyId() {
    return keyId;
  }

  /** The COSE_Key with exactly the thumbprint members. */
  public CborMap toCoseKey() {
    return coseKey;
  }

  /** A verifier of raw COSE signatures ({@code r || s} for ES256). */
  public PublicKeyVerify verifier() {
    return verifier;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuthorityPublicKey other && other.coseKey.equals(coseKey);
  }

  @Override
  public int hashCode() {
    return coseKey.hashCode();
  }

  @Override
  public String toString() {
    return "AuthorityPublicKey[" + algorithm + ", kid=" + keyId + "]";
  }
}
