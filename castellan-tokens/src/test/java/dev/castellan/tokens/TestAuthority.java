package dev.castellan.tokens;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.signature.EcdsaCurve;
import dev.castellan.core.signature.EcdsaPrivateKey;
import dev.castellan.core.signature.Ed25519PrivateKey;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/** Deterministic authority keys for tests: the same seed number gives the same key. */
public final class TestAuthority {
  private TestAuthority() {}

  public static SigningKey ed25519(int seed) {
    byte[] raw = new byte[32];
    Arrays.fill(raw, (byte) seed);
    try {
      return SigningKey.ed25519(Ed25519PrivateKey.fromSeed(SecretBytes.copyOf(raw)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static SigningKey p256(int seed) {
    byte[] raw = new byte[32];
    raw[31] = (byte) seed;
    raw[0] = 0x11;
    try {
      return SigningKey.ecdsaP256(EcdsaPrivateKey.fromScalar(EcdsaCurve.P_256, SecretBytes.copyOf(raw)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
