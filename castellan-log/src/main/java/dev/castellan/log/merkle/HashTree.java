package dev.castellan.log.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An append-only RFC 9162 tree held in memory: every complete subtree hash at every level
 * (about 64 bytes per leaf in all), so that roots and proofs for any size up to the current
 * one cost O(log^2 n) hash reads and no re-hashing of leaves.
 *
 * <p>Safe for one appending thread and any number of readers.
 */
public final class HashTree implements NodeSource {
  private static final int CHUNK_HASHES = 4096;
  private static final int H = TreeHasher.HASH_LENGTH;

  private final List<Level> levels = new ArrayList<>();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private long size;

  /** Appends one leaf hash (already {@link TreeHasher#leafHash hashed}) and returns its index. */
  public long appendLeafHash(byte[] leafHash) {
    if (leafHash.length != H) {
      throw new IllegalArgumentException("leaf hash must be 32 bytes");
    }
    lock.writeLock().lock();
    try {
      long index = size;
      byte[] hash = leafHash.clone();
      long position = index;
      for (int level = 0; ; level++) {
        if (levels.size() == level) {
          levels.add(new Level());
        }
        levels.get(level).add(hash);
        if ((position & 1) == 0) {
          break;
        }
        // This node completes a pair: its parent is now complete too.
        hash = TreeHasher.nodeHash(levels.get(level).get(position - 1), hash);
        position >>>= 1;
      }
      size = index + 1;
      return index;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The number of leaves. */
  public long size() {
    lock.readLock().lock();
    try {
      return size;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public byte[] node(int level, long index) {
    lock.readLock().lock();
    try {
      if (level < 0 || level >= 63 || index < 0 || (index + 1) << level > size) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "node %d at level %d is not complete in a tree of size %d", index, level, size));
      }
      return levels.get(level).get(index);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The leaf hash at {@code index}. */
  public byte[] leafHash(long index) {
    return node(0, index);
  }

  /** The root of the tree of the first {@code treeSize} leaves. */
  public byte[] root(long treeSize) {
    checkSize(treeSize);
    return Subtrees.root(this, treeSize);
  }

  /** The inclusion proof of leaf {@code index} in the tree of size {@code treeSize}. */
  public List<byte[]> inclusionProof(long index, long treeSize) {
    checkSize(treeSize);
    return Subtrees.inclusionProof(this, index, treeSize);
  }

  /** The consistency proof from size {@code size1} to size {@code size2}. */
  public List<byte[]> consistencyProof(long size1, long size2) {
    checkSize(size2);
    return Subtrees.consistencyProof(this, size1, size2);
  }

  private void checkSize(long treeSize) {
    long current = size();
    if (treeSize < 0 || treeSize > current) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "tree size %d is beyond the current size %d", treeSize, current));
    }
  }

  /** One level's hashes in fixed-size chunks, so growth never copies hashes. */
  private static final class Level {
    private final List<byte[]> chunks = new ArrayList<>();
    private long count;

    void add(byte[] hash) {
      int offset = (int) (count % CHUNK_HASHES) * H;
      if (offset == 0) {
        chunks.add(new byte[CHUNK_HASHES * H]);
      }
      System.arraycopy(hash, 0, chunks.getLast(), offset, H);
      count++;
    }

    byte[] get(long index) {
      byte[] out = new byte[H];
      System.arraycopy(chunks.get((int) (index / CHUNK_HASHES)), (int) (index % CHUNK_HASHES) * H, out, 0, H);
      return out;
    }
  }
}
