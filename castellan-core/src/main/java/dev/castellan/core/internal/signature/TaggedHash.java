package dev.castellan.core.internal.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * BIP-340 tagged hashes: {@code SHA256(SHA256(tag) || SHA256(tag) || x)}. The 64-byte prefix
 * is absorbed once into a template digest that every call clones, saving one compression.
 */
public final class TaggedHash {
  public static final TaggedHash AUX = new TaggedHash("BIP0340/aux");
  public static final TaggedHash NONCE = new TaggedHash("BIP0340/nonce");
  public static final TaggedHash CHALLENGE = new TaggedHash("BIP0340/challenge");

  private final MessageDigest template;

  public TaggedHash(String tag) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] tagHash = sha256.digest(tag.getBytes(StandardCharsets.UTF_8));
      template = MessageDigest.getInstance("SHA-256");
      template.update(tagHash);
      template.update(tagHash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The tagged hash of the concatenation of {@code parts}. */
  public byte[] hash(byte[]... parts) {
    MessageDigest digest = copy();
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }

  private MessageDigest copy() {
    try {
      return (MessageDigest) template.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
    }
  }
}
