package dev.castellan.core.ipld;

import dev.castellan.core.bytes.ConstantTime;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * A multihash (github.com/multiformats/multihash): {@code varint(code) ‖ varint(length) ‖
 * digest}. Any code parses (CIDs in foreign data may use functions we do not implement);
 * digests may be truncated (the multihash spec allows it), and then never verify.
 * {@link #verify} supports identity (0x00) and the {@link HashAlgorithm}s (sha2-256 0x12,
 * sha2-512 0x13, sha3-512 0x14, sha2-384 0x20) and rejects the rest.
 */
public final class Multihash {
  public static final long IDENTITY = 0x00;

  private final long code;
  private final byte[] digest;

  private Multihash(long code, byte[] digest) {
    this.code = code;
    this.digest = digest;
  }

  /** The multihash of {@code data} under {@code algorithm}. */
  public static Multihash of(HashAlgorithm algorithm, byte[] data) {
    return new Multihash(algorithm.multihashCode(), algorithm.hash(data));
  }

  /** A multihash from its parts ({@code digest} is copied). */
  public static Multihash of(long code, byte[] digest) {
    if (code < 0) {
      throw new IllegalArgumentException("multihash code must be non-negative");
    }
    return new Multihash(code, digest.clone());
  }

  /** Parses exactly one multihash spanning {@code bytes}. */
  public static Multihash decode(byte[] bytes) throws IpldException {
    int[] position = {0};
    Multihash multihash = read(bytes, position);
    if (position[0] != bytes.length) {
      throw new IpldException("trailing bytes after multihash");
    }
    return multihash;
  }

  /** Reads a multihash at {@code position[0]} and advances it. */
  static Multihash read(byte[] in, int[] position) throws IpldException {
    Varint.Decoded code = Varint.decode(in, position[0]);
    Varint.Decoded length = Varint.decode(in, position[0] + code.length());
    int start = position[0] + code.length() + length.length();
    if (length.value() > in.length - start) {
      throw new IpldException("multihash digest longer than the remaining input");
    }
    byte[] digest = Arrays.copyOfRange(in, start, start + (int) length.value());
    position[0] = start + digest.length;
    return new Multihash(code.value(), digest);
  }

  public long code() {
    return code;
  }

  public byte[] digest() {
    return digest.clone();
  }

  /** The hash function, when it is one Castellan implements. */
  public Optional<HashAlgorithm> algorithm() {
    return Optional.ofNullable(algorithmFor(code));
  }

  /** The binary multihash. */
  public byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(digest.length + 4);
    out.writeBytes(Varint.encode(code));
    out.writeBytes(Varint.encode(digest.length));
    out.writeBytes(digest);
    return out.toByteArray();
  }

  /**
   * Checks that {@code data} hashes to this digest (constant-time compare).
   *
   * @throws IpldException if it does not, or if the hash function is not supported
   */
  public void verify(byte[] data) throws IpldException {
    byte[] actual;
    if (code == IDENTITY) {
      actual = data;
    } else {
      HashAlgorithm algorithm = algorithmFor(code);
      if (algorithm == null) {
        throw new IpldException("unsupported multihash function 0x" + Long.toHexString(code));
      }
      actual = algorithm.hash(data);
    }
    if (!ConstantTime.equals(actual, digest)) {
      throw new IpldException("block does not match its multihash");
    }
  }

  private static HashAlgorithm algorithmFor(long code) {
    for (HashAlgorithm algorithm : HashAlgorithm.values()) {
      if (algorithm.multihashCode() == code) {
        return algorithm;
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Multihash other && other.code == code && Arrays.equals(other.digest, digest);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(code) * 31 + Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return "multihash(0x" + Long.toHexString(code) + ", " + Hex.encode(digest) + ")";
  }
}
