package dev.castellan.core.smt;

import static dev.castellan.core.internal.smt.KeyBits.BITS;

import dev.castellan.core.internal.smt.KeyBits;
import dev.castellan.core.internal.smt.NodeHasher;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The 256 siblings along one key's path, which prove either that the key holds a value
 * (membership) or that it holds none (non-membership) against a root. Immutable.
 *
 * <p>Encoding (docs/smt.md): a 32-byte bitmap, bit {@code i} (most significant bit first) set iff
 * the sibling at depth {@code i + 1} is not empty, then the non-empty siblings in increasing
 * {@code i}, 32 bytes each. {@link #decode} is strict, so every proof has exactly one encoding.
 *
 * <p>Verification recomputes the root from the leaf upwards and compares it with the expected
 * root in constant time. A proof says nothing on its own: it MUST be checked against a root the
 * verifier already trusts (for Castellan, one in a signed checkpoint).
 */
public final class SmtProof {
  private static final int HASH = NodeHasher.LENGTH;
  private static final int BITMAP_BYTES = BITS / 8;

  /** A 32-byte bitmap and at most 256 siblings of 32 bytes: 8,224 bytes. */
  public static final int MAX_ENCODED_BYTES = 32 + 256 * 32;

  private final byte[] bitmap;
  /** The non-empty siblings, 32 bytes each, in increasing index. */
  private final byte[] siblings;

  private SmtProof(byte[] bitmap, byte[] siblings) {
    this.bitmap = bitmap;
    this.siblings = siblings;
  }

  /** From the 256 siblings by index, null or all zeros where empty; the arrays are copied. */
  static SmtProof ofSiblings(byte[][] byIndex) {
    byte[] bitmap = new byte[BITMAP_BYTES];
    int count = 0;
    for (int i = 0; i < BITS; i++) {
      if (byIndex[i] != null && !KeyBits.isZero(byIndex[i], 0)) {
        KeyBits.set(bitmap, i);
        count++;
      }
    }
    byte[] packed = new byte[count * HASH];
    int offset = 0;
    for (int i = 0; i < BITS; i++) {
      if (KeyBits.bit(bitmap, i) == 1) {
        System.arraycopy(byIndex[i], 0, packed, offset, HASH);
        offset += HASH;
      }
    }
    return new SmtProof(bitmap, packed);
  }

  /**
   * Decodes a proof.
   *
   * @throws SmtProofException if the input is longer than {@link #MAX_ENCODED_BYTES}, shorter than
   *     the bitmap, not exactly {@code 32 + 32 * popcount(bitmap)} bytes, or has a sibling marked
   *     present that is 32 zero bytes
   */
  public static SmtProof decode(byte[] encoded) throws SmtProofException {
    Objects.requireNonNull(encoded, "encoded");
    if (encoded.length > MAX_ENCODED_BYTES) {
      throw new SmtProofException(String.format(Locale.ROOT,
          "proof is %d bytes, over the maximum of %d", encoded.length, MAX_ENCODED_BYTES));
    }
    if (encoded.length < BITMAP_BYTES) {
      throw new SmtProofException(String.format(Locale.ROOT,
          "proof is %d bytes, shorter than its %d-byte bitmap", encoded.length, BITMAP_BYTES));
    }
    byte[] bitmap = Arrays.copyOf(encoded, BITMAP_BYTES);
    int count = popcount(bitmap);
    int expected = BITMAP_BYTES + count * HASH;
    if (encoded.length != expected) {
      throw new SmtProofException(String.format(Locale.ROOT,
          "proof is %d bytes, but its bitmap marks %d siblings, which take %d bytes",
          encoded.length, count, expected));
    }
    int offset = BITMAP_BYTES;
    for (int i = 0; i < BITS; i++) {
      if (KeyBits.bit(bitmap, i) == 1) {
        if (KeyBits.isZero(encoded, offset)) {
          throw new SmtProofException(String.format(Locale.ROOT,
              "sibling %d (depth %d) is marked present but is 32 zero bytes", i, i + 1));
        }
        offset += HASH;
      }
    }
    return new SmtProof(bitmap, Arrays.copyOfRange(encoded, BITMAP_BYTES, encoded.length));
  }

  /** The encoding: bitmap, then the non-empty siblings; {@code 32 + 32 * siblingCount()} bytes. */
  public byte[] encode() {
    byte[] out = Arrays.copyOf(bitmap, BITMAP_BYTES + siblings.length);
    System.arraycopy(siblings, 0, out, BITMAP_BYTES, siblings.length);
    return out;
  }

  /** The number of non-empty siblings. */
  public int siblingCount() {
    return siblings.length / HASH;
  }

  /**
   * The sibling at depth {@code index + 1} (0 is the sibling of the root's child, 255 the leaf's),
   * a copy; 32 zeros where it is empty.
   */
  public byte[] sibling(int index) {
    Objects.checkIndex(index, BITS);
    if (KeyBits.bit(bitmap, index) == 0) {
      return new byte[HASH];
    }
    int rank = 0;
    for (int i = 0; i < index; i++) {
      rank += KeyBits.bit(bitmap, i);
    }
    return Arrays.copyOfRange(siblings, rank * HASH, (rank + 1) * HASH);
  }

  /**
   * The root this proof leads to for {@code key} holding {@code valueOrNull}, or holding nothing
   * when it is null (the leaf is then empty). Applies the empty rule at every level: a node whose
   * two children are empty is empty.
   *
   * @throws IllegalArgumentException if the key or a non-null value is not 32 bytes
   */
  public byte[] computeRoot(byte[] key, byte[] valueOrNull) {
    SparseMerkleTree.checkLength("key", key);
    NodeHasher hasher = new NodeHasher();
    byte[] node = new byte[HASH];
    boolean empty = valueOrNull == null;
    if (!empty) {
      SparseMerkleTree.checkLength("value", valueOrNull);
      hasher.leaf(key, valueOrNull, node);
    }
    byte[] sibling = new byte[HASH];
    int next = siblings.length;
    for (int i = BITS - 1; i >= 0; i--) {
      boolean present = KeyBits.bit(bitmap, i) == 1;
      if (!present && empty) {
        continue; // two empty children: the parent is empty too, not hashed
      }
      int side = KeyBits.bit(key, i);
      if (present) {
        next -= HASH;
        System.arraycopy(siblings, next, sibling, 0, HASH);
        if (side == 0) {
          hasher.inner(node, sibling, node);
        } else {
          hasher.inner(sibling, node, node);
        }
      } else {
        hasher.lift(node, side, node);
      }
      empty = false;
    }
    return node;
  }

  /** True iff this proof shows {@code key} holds {@code value} under {@code root}. */
  public boolean verifiesMembership(byte[] root, byte[] key, byte[] value) {
    SparseMerkleTree.checkLength("value", value);
    return leadsTo(root, key, value);
  }

  /** True iff this proof shows {@code key} holds no value under {@code root}. */
  public boolean verifiesNonMembership(byte[] root, byte[] key) {
    return leadsTo(root, key, null);
  }

  /**
   * Like {@link #verifiesMembership}, but throws: the form to prefer, since a forgotten result
   * cannot pass silently.
   *
   * @throws SmtProofException if the proof does not show {@code key} holds {@code value}
   */
  public void verifyMembership(byte[] root, byte[] key, byte[] value) throws SmtProofException {
    if (!verifiesMembership(root, key, value)) {
      throw new SmtProofException("proof does not lead to the expected root for this key and value");
    }
  }

  /**
   * Like {@link #verifiesNonMembership}, but throws.
   *
   * @throws SmtProofException if the proof does not show {@code key} is absent
   */
  public void verifyNonMembership(byte[] root, byte[] key) throws SmtProofException {
    if (!verifiesNonMembership(root, key)) {
      throw new SmtProofException("proof does not lead to the expected root for this key as absent");
    }
  }

  private boolean leadsTo(byte[] root, byte[] key, byte[] valueOrNull) {
    SparseMerkleTree.checkLength("root", root);
    return MessageDigest.isEqual(computeRoot(key, valueOrNull), root);
  }

  private static int popcount(byte[] bitmap) {
    int count = 0;
    for (byte b : bitmap) {
      count += Integer.bitCount(b & 0xff);
    }
    return count;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SmtProof proof
        && Arrays.equals(bitmap, proof.bitmap)
        && Arrays.equals(siblings, proof.siblings);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(bitmap) + Arrays.hashCode(siblings);
  }

  @Override
  public String toString() {
    return "SmtProof[" + siblingCount() + " siblings]";
  }
}
