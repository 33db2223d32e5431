package dev.castellan.core.internal.smt;

import static dev.castellan.core.internal.smt.KeyBits.BITS;

import java.util.Arrays;

/**
 * A compressed binary trie over 256-bit keys that computes the sparse Merkle tree's hashes.
 *
 * <p>Inner nodes exist only where two keys' paths part, so a tree of n leaves has n - 1 inner
 * nodes and a path of about log2(n) of them. An inner node at depth {@code bit} has its children
 * at depth {@code bit + 1}; the edge from there down to a child is a chain of sparse-tree nodes
 * whose other side is empty. Every node caches its hash at the top of its edge (the depth just
 * below its parent, 0 for the root), which is the only hash its parent and a proof need.
 *
 * <p>Hashes are recomputed lazily: a change marks the nodes on its path stale, and {@link
 * #root} and {@link #siblings} first refresh the stale ones. Building a tree by n puts therefore
 * costs each node's hash once, and a put into a built tree costs only its path. Invariant: the
 * ancestors of a stale node are stale.
 *
 * <p>Keys and values are 32-byte arrays the caller has checked and copied. Not thread-safe.
 */
public final class PatriciaTrie {
  private final NodeHasher hasher = new NodeHasher();
  private Node root;
  private int size;

  public int size() {
    return size;
  }

  /** The value stored under {@code key}, not copied, or null. */
  public byte[] get(byte[] key) {
    Leaf leaf = closestLeaf(key);
    return leaf != null && KeyBits.firstDifference(leaf.key, key) == BITS ? leaf.value : null;
  }

  /** Inserts or replaces; the trie keeps both arrays. */
  public void put(byte[] key, byte[] value) {
    Leaf closest = closestLeaf(key);
    if (closest == null) {
      root = new Leaf(key, value);
      size = 1;
      return;
    }
    int parting = KeyBits.firstDifference(key, closest.key);
    if (parting == BITS && Arrays.equals(closest.value, value)) {
      return; // nothing changes, so no hash goes stale
    }
    Inner parent = null;
    Node node = root;
    while (node instanceof Inner inner && inner.bit < parting) {
      inner.stale = true;
      parent = inner;
      node = inner.child(KeyBits.bit(key, inner.bit));
    }
    if (parting == BITS) {
      Leaf leaf = (Leaf) node;
      leaf.value = value;
      leaf.stale = true;
      return;
    }
    Leaf added = new Leaf(key, value);
    Inner split = KeyBits.bit(key, parting) == 0
        ? new Inner(parting, added, node)
        : new Inner(parting, node, added);
    node.stale = true; // its edge now starts lower
    replaceChild(parent, node, split);
    size++;
  }

  /** Removes {@code key}; false if it was absent. */
  public boolean remove(byte[] key) {
    Leaf leaf = closestLeaf(key);
    if (leaf == null || KeyBits.firstDifference(leaf.key, key) != BITS) {
      return false;
    }
    Inner grandparent = null;
    Inner parent = null;
    Node node = root;
    while (node instanceof Inner inner) {
      inner.stale = true;
      grandparent = parent;
      parent = inner;
      node = inner.child(KeyBits.bit(key, inner.bit));
    }
    if (parent == null) {
      root = null;
    } else {
      Node sibling = parent.left == node ? parent.right : parent.left;
      sibling.stale = true; // its edge now starts higher
      replaceChild(grandparent, parent, sibling);
    }
    size--;
    return true;
  }

  /** The root hash, written into {@code out}; 32 zeros for the empty tree. */
  public void root(byte[] out) {
    if (root == null) {
      Arrays.fill(out, (byte) 0);
      return;
    }
    refresh(root, 0);
    System.arraycopy(root.hash, 0, out, 0, NodeHasher.LENGTH);
  }

  /**
   * The 256 siblings along {@code key}'s path, indexed by depth - 1 (index 0 is the sibling of the
   * root's child, 255 the leaf's), null where the sibling is empty. The arrays may be the trie's
   * own cache: copy them before the trie changes. Costs one
   * walk down the trie, plus up to 256 hashes when {@code key} is absent and parts from a stored
   * path inside a compressed edge (that sibling's hash lies inside the edge, where nothing is
   * cached).
   */
  public byte[][] siblings(byte[] key) {
    byte[][] siblings = new byte[BITS][];
    Leaf closest = closestLeaf(key);
    if (closest == null) {
      return siblings;
    }
    refresh(root, 0);
    int parting = KeyBits.firstDifference(key, closest.key);
    Node node = root;
    while (node instanceof Inner inner && inner.bit < parting) {
      int side = KeyBits.bit(key, inner.bit);
      siblings[inner.bit] = inner.child(1 - side).hash;
      node = inner.child(side);
    }
    if (parting < BITS) {
      // The key leaves the stored paths at depth parting + 1; node's subtree, lifted to that
      // depth, is the sibling there, and everything below on the key's side is empty.
      siblings[parting] = hashAt(node, parting + 1, closest.key);
    }
    return siblings;
  }

  /** The leaf reached by following {@code key}'s bits at the inner nodes, or null if empty. */
  private Leaf closestLeaf(byte[] key) {
    Node node = root;
    while (node instanceof Inner inner) {
      node = inner.child(KeyBits.bit(key, inner.bit));
    }
    return (Leaf) node;
  }

  private void replaceChild(Inner parent, Node old, Node replacement) {
    if (parent == null) {
      root = replacement;
    } else if (parent.left == old) {
      parent.left = replacement;
    } else {
      parent.right = replacement;
    }
  }

  /** Recomputes the stale nodes of the subtree under {@code node}, whose edge starts at {@code top}. */
  private void refresh(Node node, int top) {
    if (!node.stale) {
      return;
    }
    if (node instanceof Inner inner) {
      refresh(inner.left, inner.bit + 1);
      refresh(inner.right, inner.bit + 1);
    }
    byte[] path = node instanceof Leaf leaf ? leaf.key : anyKey(node);
    ownHash(node, node.hash);
    lift(node.hash, depth(node), top, path);
    node.stale = false;
  }

  /** The hash of {@code node}'s subtree at {@code depth}, which lies within its edge. */
  private byte[] hashAt(Node node, int depth, byte[] path) {
    byte[] hash = new byte[NodeHasher.LENGTH];
    ownHash(node, hash);
    lift(hash, depth(node), depth, path);
    return hash;
  }

  /** The node's hash at its own depth: its leaf hash, or the inner hash of its children. */
  private void ownHash(Node node, byte[] out) {
    switch (node) {
      case Leaf leaf -> hasher.leaf(leaf.key, leaf.value, out);
      case Inner inner -> hasher.inner(inner.left.hash, inner.right.hash, out);
    }
  }

  /** Lifts {@code hash} in place from depth {@code from} to {@code to} along {@code path}. */
  private void lift(byte[] hash, int from, int to, byte[] path) {
    for (int depth = from; depth > to; depth--) {
      hasher.lift(hash, KeyBits.bit(path, depth - 1), hash);
    }
  }

  private static int depth(Node node) {
    return node instanceof Inner inner ? inner.bit : BITS;
  }

  /** A key stored under {@code node}: all of them share the bits above its depth. */
  private static byte[] anyKey(Node node) {
    while (node instanceof Inner inner) {
      node = inner.left;
    }
    return ((Leaf) node).key;
  }

  private abstract static sealed class Node permits Leaf, Inner {
    /** The hash at the top of the edge into this node; valid when not stale. */
    final byte[] hash = new byte[NodeHasher.LENGTH];
    boolean stale = true;
  }

  private static final class Leaf extends Node {
    final byte[] key;
    byte[] value;

    Leaf(byte[] key, byte[] value) {
      this.key = key;
      this.value = value;
    }
  }

  private static final class Inner extends Node {
    /** The key bit at which the two subtrees part; this node sits at depth {@code bit}. */
    final int bit;
    Node left;
    Node right;

    Inner(int bit, Node left, Node right) {
      this.bit = bit;
      this.left = left;
      this.right = right;
    }

    Node child(int side) {
      return side == 0 ? left : right;
    }
  }
}
