package dev.castellan.attestation.composition;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One service in the VM's service tree (seed 002 §4.5, docs/agent.md):
 *
 * <pre>
 * key   = SHA-256(UTF-8 name)
 * value = SHA-256(image hash(32) || SHA-256(public key))
 * </pre>
 *
 * The public key is the service's response-signing key in the form the service publishes it
 * (for the payload service, the 33-byte compressed SEC1 secp256k1 key). Names are {@code
 * [A-Za-z0-9][A-Za-z0-9._-]{0,63}}, so they are safe in URLs, file names and logs.
 *
 * @param name the service's name
 * @param imageHash SHA-256 of the service's derivation or image (NAR hash), 32 bytes
 * @param publicKey the service's public key, 1..1024 bytes
 */
public record ServiceLeaf(String name, byte[] imageHash, byte[] publicKey) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** Largest public key accepted (an RSA-4096 SubjectPublicKeyInfo is about 550 bytes). */
  public static final int MAX_PUBLIC_KEY_BYTES = 1024;

  public ServiceLeaf {
    requireName(name);
    Objects.requireNonNull(imageHash, "imageHash");
    Objects.requireNonNull(publicKey, "publicKey");
    if (imageHash.length != 32) {
      throw new IllegalArgumentException("a service's image hash is 32 bytes, got " + imageHash.length);
    }
    if (publicKey.length == 0 || publicKey.length > MAX_PUBLIC_KEY_BYTES) {
      throw new IllegalArgumentException("a service's public key is 1.." + MAX_PUBLIC_KEY_BYTES + " bytes, got "
          + publicKey.length);
    }
    imageHash = imageHash.clone();
    publicKey = publicKey.clone();
  }

  /** @throws IllegalArgumentException if {@code name} is not a valid service name */
  public static String requireName(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a service name is 1-64 characters of A-Z a-z 0-9 . _ - (starting with a"
          + " letter or digit)");
    }
    return name;
  }

  /** SHA-256 of the UTF-8 name: the leaf's position in the tree. */
  public static byte[] key(String name) {
    return HashAlgorithm.SHA_256.hash(requireName(name).getBytes(StandardCharsets.UTF_8));
  }

  /** SHA-256(image hash || SHA-256(public key)). */
  public static byte[] value(byte[] imageHash, byte[] publicKey) {
    return HashAlgorithm.SHA_256.hash(imageHash, HashAlgorithm.SHA_256.hash(publicKey));
  }

  public byte[] key() {
    return key(name);
  }

  public byte[] value() {
    return value(imageHash, publicKey);
  }

  @Override
  public byte[] imageHash() {
    return imageHash.clone();
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ServiceLeaf leaf && name.equals(leaf.name)
        && java.util.Arrays.equals(imageHash, leaf.imageHash) && java.util.Arrays.equals(publicKey, leaf.publicKey);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return "ServiceLeaf[" + name + ", image=" + Hex.encode(imageHash) + ", key=" + Hex.encode(publicKey) + "]";
  }
}
