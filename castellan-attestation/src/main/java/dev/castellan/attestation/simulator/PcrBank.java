package dev.castellan.attestation.simulator;

import dev.castellan.core.hash.HashAlgorithm;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A bank of SHA-384 platform configuration registers with the Nitro Secure Module's
 * semantics: every register starts as 48 zero bytes, can only be changed by {@code
 * extend(i, d)}: {@code PCR[i] = SHA-384(PCR[i] || d)}, and once locked stays locked until the
 * bank is discarded (the next boot). Thread-safe.
 */
final class PcrBank {
  /** Registers the NSM exposes ({@code DescribeNSM.max_pcrs}). */
  static final int COUNT = 32;

  /** SHA-384 output length: the size of each register. */
  static final int LENGTH = 48;

  private final byte[][] values = new byte[COUNT][LENGTH];
  private final boolean[] locked = new boolean[COUNT];

  synchronized byte[] value(int index) {
    return values[check(index)].clone();
  }

  synchronized boolean isLocked(int index) {
    return locked[check(index)];
  }

  /**
   * Extends register {@code index} with {@code data} and returns its new value.
   *
   * @throws PcrLockedException if the register is locked
   */
  synchronized byte[] extend(int index, byte[] data) throws PcrLockedException {
    Objects.requireNonNull(data, "data");
    if (locked[check(index)]) {
      throw new PcrLockedException(index);
    }
    MessageDigest digest = HashAlgorithm.SHA_384.newDigest();
    digest.update(values[index]);
    digest.update(data);
    values[index] = digest.digest();
    return values[index].clone();
  }

  /**
   * Sets unlocked register {@code index} to {@code value}: what a hypervisor measured outside
   * this bank, loaded before the register is locked at boot. Never used after boot.
   *
   * @throws PcrLockedException if the register is locked
   */
  synchronized void load(int index, byte[] value) throws PcrLockedException {
    Objects.requireNonNull(value, "value");
    if (value.length != LENGTH) {
      throw new IllegalArgumentException("a PCR value is " + LENGTH + " bytes, got " + value.length);
    }
    if (locked[check(index)]) {
      throw new PcrLockedException(index);
    }
    values[index] = value.clone();
  }

  /** Locks register {@code index} for the rest of this bank's life; locking twice is a no-op. */
  synchronized void lock(int index) {
    locked[check(index)] = true;
  }

  /** A copy of every locked register, by index: what a Nitro attestation document carries. */
  synchronized SortedMap<Integer, byte[]> lockedValues() {
    SortedMap<Integer, byte[]> out = new TreeMap<>();
    for (int i = 0; i < COUNT; i++) {
      if (locked[i]) {
        out.put(i, values[i].clone());
      }
    }
    return out;
  }

  private static int check(int index) {
    if (index < 0 || index >= COUNT) {
      throw new IndexOutOfBoundsException("PCR index must be 0.." + (COUNT - 1) + ", got " + index);
    }
    return index;
  }
}
