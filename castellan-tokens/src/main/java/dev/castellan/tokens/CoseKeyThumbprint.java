package dev.castellan.tokens;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.hash.HashAlgorithm;

/**
 * COSE Key Thumbprints (RFC 9679): SHA-256 over the deterministic encoding (RFC 8949 §4.2.1)
 * of a COSE_Key holding only the required members of its key type — {@code kty} (1), {@code
 * crv} (-1), {@code x} (-2) and, for EC2, {@code y} (-3). Pure functions.
 */
public final class CoseKeyThumbprint {
  /** COSE_Key label {@code kty}. */
  public static final long KTY = 1;
  /** COSE_Key label {@code crv}. */
  public static final long CRV = -1;
  /** COSE_Key label {@code x}. */
  public static final long X = -2;
  /** COSE_Key label {@code y}. */
  public static final long Y = -3;
  /** Key type OKP (RFC 9053 §7.2). */
  public static final long KTY_OKP = 1;
  /** Key type EC2 (RFC 9053 §7.1). */
  public static final long KTY_EC2 = 2;
  /** Curve P-256 (RFC 9053 §7.1). */
  public static final long CRV_P256 = 1;
  /** Curve Ed25519 (RFC 9053 §7.2). */
  public static final long CRV_ED25519 = 6;

  private CoseKeyThumbprint() {}

  /** The required members of an EC2 key: {@code {1: 2, -1: crv, -2: x, -3: y}}. */
  public static CborMap ec2(long curve, byte[] x, byte[] y) {
    return CborMap.builder()
        .put(KTY, CborValue.of(KTY_EC2))
        .put(CRV, CborValue.of(curve))
        .put(X, CborValue.of(x))
        .put(Y, CborValue.of(y))
        .build();
  }

  /** The required members of an OKP key: {@code {1: 1, -1: crv, -2: x}}. */
  public static CborMap okp(long curve, byte[] x) {
    return CborMap.builder()
        .put(KTY, CborValue.of(KTY_OKP))
        .put(CRV, CborValue.of(curve))
        .put(X, CborValue.of(x))
        .build();
  }

  /**
   * SHA-256 of the deterministic encoding of {@code requiredMembers}. The caller MUST pass
   * only the required members (use {@link #ec2} or {@link #okp}); optional members such as
   * {@code kid} or {@code alg} would change the thumbprint.
   */
  public static KeyId sha256(CborMap requiredMembers) {
    return KeyId.of(HashAlgorithm.SHA_256.hash(Cbor.encode(requiredMembers)));
  }
}
