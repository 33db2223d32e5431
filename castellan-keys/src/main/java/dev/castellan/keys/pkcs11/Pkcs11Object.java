package dev.castellan.keys.pkcs11;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import java.util.Optional;

/**
 * One object of a token as {@link Pkcs11Token#objects()} and {@link Pkcs11Token#generateKeyPair}
 * report it: never private material, only what identifies the object and, for a key of a type
 * Castellan signs with, its public key.
 *
 * @param type the object class as RFC 7512's {@code type}
 * @param keyType {@code p256}, {@code ed25519}, another key type's name ({@code rsa}, {@code ec},
 *     {@code aes}, ...), or empty for objects that are not keys
 * @param label {@code CKA_LABEL} (may be empty)
 * @param id {@code CKA_ID} (may be empty)
 * @param publicKeyInfo the SubjectPublicKeyInfo of a P-256 or Ed25519 key pair (for a private
 *     key, that of the public key object with its id)
 * @param protection the protection attributes of a private or secret key
 * @param uri the object's URI (module, token, label, id, type; never a PIN value)
 */
public record Pkcs11Object(Pkcs11Uri.ObjectType type, String keyType, String label, byte[] id,
    Optional<byte[]> publicKeyInfo, Optional<Protection> protection, Pkcs11Uri uri) {
  /** What keeps a key inside the token. A key Castellan generates has all but {@code extractable}. */
  public record Protection(boolean sensitive, boolean alwaysSensitive, boolean extractable,
      boolean neverExtractable, boolean local) {
    /** {@code sensitive,always-sensitive,never-extractable,local}, the flags that are set. */
    public String flags() {
      StringBuilder out = new StringBuilder();
      append(out, sensitive, "sensitive");
      append(out, alwaysSensitive, "always-sensitive");
      append(out, extractable, "EXTRACTABLE");
      append(out, neverExtractable, "never-extractable");
      append(out, local, "local");
      return out.isEmpty() ? "-" : out.toString();
    }

    private static void append(StringBuilder out, boolean set, String name) {
      if (set) {
        out.append(out.isEmpty() ? "" : ",").append(name);
      }
    }
  }

  public Pkcs11Object {
    id = id.clone();
    publicKeyInfo = publicKeyInfo.map(byte[]::clone);
  }

  @Override
  public byte[] id() {
    return id.clone();
  }

  @Override
  public Optional<byte[]> publicKeyInfo() {
    return publicKeyInfo.map(byte[]::clone);
  }

  /** {@code sha256:<hex>} of the SubjectPublicKeyInfo DER, the form {@code openssl pkey -pubout -outform DER | sha256sum} gives. */
  public Optional<String> fingerprint() {
    return publicKeyInfo.map(spki -> "sha256:" + Hex.encode(HashAlgorithm.SHA_256.hash(spki)));
  }

  /** The public key as PEM, for a P-256 or Ed25519 key pair. */
  public Optional<String> publicKeyPem() {
    return publicKeyInfo.flatMap(spki -> Pkcs11KeyType.of(keyType).map(t -> PublicKeys.pem(t, spki)));
  }
}
