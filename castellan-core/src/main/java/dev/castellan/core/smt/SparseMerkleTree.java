package dev.castellan.core.smt;

import dev.castellan.core.internal.smt.PatriciaTrie;
import java.util.Objects;
import java.util.Optional;

/**
 * A sparse Merkle tree of depth 256 over SHA-256 that maps 32-byte keys to 32-byte values, as
 * specified in docs/smt.md.
 *
 * <p>Stored as a compressed binary trie: memory and the cost of {@link #put}, {@link #remove},
 * {@link #get} and {@link #prove} grow with the number of leaves n as O(n) and O(log n), not with
 * the 2^256 positions. Hashes are cached and recomputed lazily along changed paths only, so
 * {@link #root} after a batch of puts hashes each changed node once.
 *
 * <p>Arrays passed in are copied and arrays returned are copies. Mutable and NOT thread-safe, not
 * even for concurrent readers: {@link #root} and {@link #prove} update the hash cache. Callers
 * MUST confine an instance to one thread or lock around every call.
 */
public final class SparseMerkleTree {
  /** The depth of the leaves, one level per key bit. */
  public static final int DEPTH = 256;

  public static final int KEY_BYTES = 32;
  public static final int VALUE_BYTES = 32;

  private final PatriciaTrie trie = new PatriciaTrie();

  /** An empty tree, whose root is 32 zero bytes. */
  public SparseMerkleTree() {}

  /**
   * Inserts {@code value} under {@code key}, replacing any value there.
   *
   * @throws IllegalArgumentException if the key or the value is not 32 bytes
   */
  public void put(byte[] key, byte[] value) {
    checkLength("key", key);
    checkLength("value", value);
    trie.put(key.clone(), value.clone());
  }

  /** Removes {@code key}; true if it was present. */
  public boolean remove(byte[] key) {
    checkLength("key", key);
    return trie.remove(key);
  }

  /** A copy of the value under {@code key}, or empty. */
  public Optional<byte[]> get(byte[] key) {
    checkLength("key", key);
    return Optional.ofNullable(trie.get(key)).map(byte[]::clone);
  }

  /** The number of keys. */
  public int size() {
    return trie.size();
  }

  /** The 32-byte root hash; 32 zeros for the empty tree. */
  public byte[] root() {
    byte[] root = new byte[SmtHashes.LENGTH];
    trie.root(root);
    return root;
  }

  /**
   * The siblings along {@code key}'s path against the current root: a membership proof if the key
   * is present, a non-membership proof otherwise. Changing the tree afterwards does not change
   * the proof; it keeps proving against the root of the time it was made.
   */
  public SmtProof prove(byte[] key) {
    checkLength("key", key);
    return SmtProof.ofSiblings(trie.siblings(key));
  }

  /** Keys, values, hashes and roots are all 32 bytes; anything else is an error, never padded. */
  static void checkLength(String name, byte[] bytes) {
    Objects.requireNonNull(bytes, name);
    if (bytes.length != SmtHashes.LENGTH) {
      throw new IllegalArgumentException(
          name + " must be " + SmtHashes.LENGTH + " bytes, got " + bytes.length);
    }
  }
}
