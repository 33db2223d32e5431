package dev.castellan.core.signature;

import dev.castellan.core.internal.signature.Ed25519Math;

/**
 * Pure Ed25519 signing (RFC 8032 section 5.1.6; no context, no prehash). Signatures are the
 * 64 bytes {@code R || S}, deterministic: the same key and message give the same signature.
 * The signer is immutable and safe for concurrent use.
 */
public final class Ed25519Signer implements PublicKeySign {
  private final byte[] seed;
  private final byte[] publicKey;

  private Ed25519Signer(byte[] seed, byte[] publicKey) {
    this.seed = seed;
    this.publicKey = publicKey;
  }

  public static Ed25519Signer create(Ed25519PrivateKey privateKey) {
    return new Ed25519Signer(privateKey.seed().toByteArray(), privateKey.publicKey().toBytes());
  }

  /** Returns the 64-byte signature of {@code data}. */
  @Override
  public byte[] sign(byte[] data) {
    return Ed25519Math.sign(seed, publicKey, data);
  }

  @Override
  public String toString() {
    return "Ed25519Signer[seed redacted]";
  }
}
