package dev.castellan.core.ipld;

import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.bytes.Base32;
import dev.castellan.core.internal.ipld.Base58;
import java.io.ByteArrayOutputStream;

/**
 * A content identifier (github.com/multiformats/cid). CIDv1 is {@code varint(1) ‖
 * varint(codec) ‖ multihash}; CIDv0 is a bare sha2-256 multihash with implied codec dag-pb.
 * The string form is base32 lower-case multibase ({@code b…}) for v1 and base58btc ({@code
 * Qm…}) for v0. Immutable; equality is by version, codec and multihash.
 */
public final class Cid {
  /** Multicodec raw binary. */
  public static final long RAW = 0x55;
  /** Multicodec dag-pb (the only codec of CIDv0). */
  public static final long DAG_PB = 0x70;
  /** Multicodec dag-cbor. */
  public static final long DAG_CBOR = 0x71;

  /** Longest CID string {@link #parse} accepts: far above any real CID, bounds base58's quadratic cost. */
  public static final int MAX_STRING_LENGTH = 512;

  private static final int SHA2_256 = 0x12;

  private final int version;
  private final long codec;
  private final Multihash multihash;

  private Cid(int version, long codec, Multihash multihash) {
    this.version = version;
    this.codec = codec;
    this.multihash = multihash;
  }

  /** The CIDv1 of {@code block} under {@code codec}, hashed with sha2-256. */
  public static Cid of(long codec, byte[] block) {
    return v1(codec, Multihash.of(HashAlgorithm.SHA_256, block));
  }

  /** The CIDv1 of {@code block} under {@code codec}, hashed with {@code algorithm}. */
  public static Cid of(long codec, HashAlgorithm algorithm, byte[] block) {
    return v1(codec, Multihash.of(algorithm, block));
  }

  public static Cid v1(long codec, Multihash multihash) {
    if (codec < 0) {
      throw new IllegalArgumentException("codec must be non-negative");
    }
    return new Cid(1, codec, multihash);
  }

  /** A CIDv0; {@code multihash} MUST be a 32-byte sha2-256 digest. */
  public static Cid v0(Multihash multihash) {
    if (multihash.code() != SHA2_256 || multihash.digest().length != 32) {
      throw new IllegalArgumentException("CIDv0 requires a full sha2-256 digest");
    }
    return new Cid(0, DAG_PB, multihash);
  }

  /** Parses a CID string: {@code Qm…} (v0), multibase {@code b…} (base32) or {@code z…} (base58btc). */
  public static Cid parse(String text) throws IpldException {
    if (text.isEmpty() || text.length() > MAX_STRING_LENGTH) {
      throw new IpldException("CID string length out of range");
    }
    if (text.length() == 46 && text.startsWith("Qm")) {
      byte[] bytes = Base58.decode(text);
      if (bytes == null) {
        throw new IpldException("CIDv0 is not valid base58btc");
      }
      return decode(bytes);
    }
    byte[] bytes = switch (text.charAt(0)) {
      case 'b' -> Base32.decode(text.substring(1));
      case 'z' -> Base58.decode(text.substring(1));
      default -> throw new IpldException("unsupported multibase prefix (need b or z)");
    };
    if (bytes == null) {
      throw new IpldException("CID string is not valid in its multibase");
    }
    Cid cid = decode(bytes);
    if (cid.version == 0) {
      throw new IpldException("CIDv0 must not carry a multibase prefix");
    }
    return cid;
  }

  /** Parses exactly one binary CID spanning {@code bytes}. */
  public static Cid decode(byte[] bytes) throws IpldException {
    int[] position = {0};
    Cid cid = read(bytes, position);
    if (position[0] != bytes.length) {
      throw new IpldException("trailing bytes after CID");
    }
    return cid;
  }

  /** Reads a binary CID at {@code position[0]} and advances it (CAR sections). */
  static Cid read(byte[] in, int[] position) throws IpldException {
    int start = position[0];
    if (in.length - start >= 2 && in[start] == SHA2_256 && in[start + 1] == 32) {
      return new Cid(0, DAG_PB, Multihash.read(in, position));
    }
    Varint.Decoded version = Varint.decode(in, start);
    if (version.value() != 1) {
      throw new IpldException("unsupported CID version " + version.value());
    }
    Varint.Decoded codec = Varint.decode(in, start + version.length());
    position[0] = start + version.length() + codec.length();
    return new Cid(1, codec.value(), Multihash.read(in, position));
  }

  public int version() {
    return version;
  }

  /** The multicodec of the content: {@link #DAG_CBOR}, {@link #RAW}, {@link #DAG_PB}, … */
  public long codec() {
    return codec;
  }

  public Multihash multihash() {
    return multihash;
  }

  /** The binary CID. */
  public byte[] bytes() {
    if (version == 0) {
      return multihash.bytes();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(40);
    out.writeBytes(Varint.encode(1));
    out.writeBytes(Varint.encode(codec));
    out.writeBytes(multihash.bytes());
    return out.toByteArray();
  }

  /** Checks that {@code block} is the content this CID names. */
  public void verify(byte[] block) throws IpldException {
    multihash.verify(block);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cid other && other.version == version && other.codec == codec && other.multihash.equals(multihash);
  }

  @Override
  public int hashCode() {
    return (version * 31 + Long.hashCode(codec)) * 31 + multihash.hashCode();
  }

  /** {@code b} + base32 for CIDv1, base58btc for CIDv0. */
  @Override
  public String toString() {
    return version == 0 ? Base58.encode(bytes()) : "b" + Base32.encode(bytes());
  }
}
