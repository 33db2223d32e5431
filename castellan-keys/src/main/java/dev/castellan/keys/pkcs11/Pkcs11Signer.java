package dev.castellan.keys.pkcs11;

import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.signature.PublicKeySign;
import dev.castellan.keys.pkcs11.internal.EcdsaSignatures;

/**
 * Signs with a private key that stays in a PKCS#11 token, in the forms the log's records
 * carry (adapt with {@code RecordSigner.of(signer, signer.publicKeyInfo())}):
 * <ul>
 *   <li>{@link Pkcs11KeyType#P256}: SHA-256 of the data here, CKM_ECDSA over the digest in the
 *       token, its {@code r || s} returned as DER with {@code s} normalized to the lower half of
 *       the group (low-S), the form {@code openssl dgst -sha256 -verify} reads;
 *   <li>{@link Pkcs11KeyType#ED25519}: CKM_EDDSA over the data itself in the token (pure
 *       Ed25519, RFC 8032), 64 bytes, as {@code openssl pkeyutl -verify -rawin} reads. The whole
 *       message goes to the token in one call, so it is bounded by {@link #MAX_DATA_BYTES}.
 * </ul>
 * Safe for concurrent use. {@link #close()} closes the token when this signer opened it.
 */
public final class Pkcs11Signer implements PublicKeySign, AutoCloseable {
  /** Largest message signed with CKM_EDDSA: 16 MiB, sixteen times the log's largest record. */
  public static final int MAX_DATA_BYTES = 16 << 20;

  private final Pkcs11Token token;
  private final long key;
  private final Pkcs11KeyType type;
  private final byte[] publicKeyInfo;
  private final Pkcs11Uri uri;
  private final boolean ownsToken;

  Pkcs11Signer(Pkcs11Token token, long key, Pkcs11KeyType type, byte[] publicKeyInfo, Pkcs11Uri uri, boolean ownsToken) {
    this.token = token;
    this.key = key;
    this.type = type;
    this.publicKeyInfo = publicKeyInfo.clone();
    this.uri = uri;
    this.ownsToken = ownsToken;
  }

  /** Opens the URI's token and the private key it names; {@link #close()} closes both. */
  public static Pkcs11Signer open(Pkcs11Uri uri) throws Pkcs11Exception {
    Pkcs11Token token = Pkcs11Token.open(uri);
    try {
      Pkcs11Signer signer = token.signer(uri);
      return new Pkcs11Signer(token, signer.key, signer.type, signer.publicKeyInfo, signer.uri, true);
    } catch (Pkcs11Exception | RuntimeException e) {
      token.close();
      throw e;
    }
  }

  @Override
  public byte[] sign(byte[] data) throws Pkcs11Exception {
    return switch (type) {
      case P256 -> EcdsaSignatures.p256LowSDer(
          token.sign(key, type.signatureMechanism(), HashAlgorithm.SHA_256.hash(data), 64));
      case ED25519 -> {
        if (data.length > MAX_DATA_BYTES) {
          throw new Pkcs11Exception("Ed25519 messages signed in a token are at most " + MAX_DATA_BYTES + " bytes");
        }
        byte[] signature = token.sign(key, type.signatureMechanism(), data, 64);
        if (signature.length != 64) {
          throw new Pkcs11Exception("the token returned an Ed25519 signature of " + signature.length + " bytes, not 64");
        }
        yield signature;
      }
    };
  }

  public Pkcs11KeyType keyType() {
    return type;
  }

  /** The key's SubjectPublicKeyInfo, DER (a log record's {@code pubkey}). */
  public byte[] publicKeyInfo() {
    return publicKeyInfo.clone();
  }

  /** The public key as a PEM {@code PUBLIC KEY} block, for {@code openssl -pubin}. */
  public String publicKeyPem() {
    return PublicKeys.pem(type, publicKeyInfo);
  }

  /** The key's URI: module, token, its actual label and id, {@code type=private}; never a PIN value. */
  public Pkcs11Uri uri() {
    return uri;
  }

  @Override
  public void close() {
    if (ownsToken) {
      token.close();
    }
  }

  @Override
  public String toString() {
    return "Pkcs11Signer[" + type.id() + ", " + uri + ", private key in the token]";
  }
}
