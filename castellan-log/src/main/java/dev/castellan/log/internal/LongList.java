package dev.castellan.log.internal;

import java.util.Arrays;

/** A growable list of longs for one writer and many readers (synchronised; small and fast enough). */
public final class LongList {
  private long[] values = new long[1024];
  private int size;

  public synchronized void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, values.length * 2);
    }
    values[size++] = value;
  }

  public synchronized long get(long index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " of " + size);
    }
    return values[(int) index];
  }

  public synchronized int size() {
    return size;
  }
}
