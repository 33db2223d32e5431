package dev.castellan.core.internal.hpke;

import dev.castellan.core.hpke.HpkeException;
import java.security.SecureRandom;
import java.util.Locale;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * X25519 (RFC 7748) through BouncyCastle's constant-time, byte-oriented implementation. Private
 * keys are the raw 32-octet scalar before clamping; X25519 clamps inside. DH rejects an all-zero
 * output (a small-order peer key), as RFC 9180 §7.1.4 requires.
 */
final class X25519Group implements DhGroup {
  static final X25519Group INSTANCE = new X25519Group();

  private X25519Group() {}

  @Override
  public int privateKeyLength() {
    return X25519.SCALAR_SIZE;
  }

  @Override
  public int publicKeyLength() {
    return X25519.POINT_SIZE;
  }

  @Override
  public void validatePrivateKey(byte[] sk) throws HpkeException {
    requireLength("private", sk, X25519.SCALAR_SIZE);
  }

  @Override
  public void validatePublicKey(byte[] pk) throws HpkeException {
    // Every 32-octet string is a u-coordinate (RFC 7748 §5); small-order ones fail in dh().
    requireLength("public", pk, X25519.POINT_SIZE);
  }

  @Override
  public byte[] publicKey(byte[] sk) {
    byte[] pk = new byte[X25519.POINT_SIZE];
    X25519.generatePublicKey(sk, 0, pk, 0);
    return pk;
  }

  @Override
  public byte[] dh(byte[] sk, byte[] pk) throws HpkeException {
    byte[] shared = new byte[X25519.POINT_SIZE];
    if (!X25519.calculateAgreement(sk, 0, pk, 0, shared, 0)) {
      throw new HpkeException("X25519 shared secret is all zero: the peer key has small order");
    }
    return shared;
  }

  @Override
  public byte[] deriveSecret(Hkdf hkdf, byte[] suiteId, byte[] dkpPrk) {
    return hkdf.labeledExpand(suiteId, dkpPrk, "sk", new byte[0], X25519.SCALAR_SIZE);
  }

  @Override
  public byte[] generateSecret(SecureRandom random) {
    byte[] sk = new byte[X25519.SCALAR_SIZE];
    random.nextBytes(sk);
    return sk;
  }

  private static void requireLength(String which, byte[] key, int length) throws HpkeException {
    if (key.length != length) {
      throw new HpkeException(
          String.format(
              Locale.ROOT, "X25519 %s key must be %d octets, got %d", which, length, key.length));
    }
  }
}
