/**
 * Implementation of {@code dev.castellan.core.smt}: the compressed binary trie behind {@link
 * dev.castellan.core.smt.SparseMerkleTree}, the node hashing it shares with proof verification,
 * and the bit arithmetic of keys and bitmaps. Not exported.
 */
package dev.castellan.core.internal.smt;
