package dev.castellan.log.merkle;

/**
 * Where proofs read the hashes of complete subtrees. {@code node(level, index)} is the hash
 * of the perfect subtree over leaves {@code [index * 2^level, (index + 1) * 2^level)}; level 0
 * is the leaf hashes. Implementations MUST only be asked for subtrees whose leaves all exist,
 * and MUST return hashes that callers may keep (a copy, or an array never written again).
 */
@FunctionalInterface
public interface NodeSource {
  byte[] node(int level, long index);
}
