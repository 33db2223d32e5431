package dev.castellan.log.internal;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * RFC 8032 Ed25519 over BouncyCastle's lightweight API (about 20 times the JDK provider's
 * speed here). Verification returns a boolean only inside this class; public callers get
 * exceptions.
 */
public final class Ed25519 {
  public static final int SEED_LENGTH = 32;
  public static final int PUBLIC_KEY_LENGTH = 32;
  public static final int SIGNATURE_LENGTH = 64;

  private Ed25519() {}

  public static byte[] generateSeed(SecureRandom random) {
    byte[] seed = new byte[SEED_LENGTH];
    random.nextBytes(seed);
    return seed;
  }

  public static byte[] publicKey(byte[] seed) {
    return new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
  }

  public static byte[] sign(byte[] seed, byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, new Ed25519PrivateKeyParameters(seed, 0));
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /** True only for a valid signature; malformed keys or signatures are simply invalid. */
  public static boolean isValid(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != PUBLIC_KEY_LENGTH || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    try {
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
      verifier.update(message, 0, message.length);
      return verifier.verifySignature(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
