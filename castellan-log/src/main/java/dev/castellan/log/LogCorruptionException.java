package dev.castellan.log;

import java.util.Locale;

/**
 * The stored log is not what was written: a record was changed, dropped or reordered, a
 * record's signature fails, or the tree no longer matches a signed checkpoint.
 *
 * <p>{@link #index()} is the first bad record index, or -1 where the damage cannot be tied to
 * one record (a root that matches no checkpoint, a damaged checkpoint).
 */
public final class LogCorruptionException extends LogException {
  private static final long serialVersionUID = 1L;

  private final long index;

  public LogCorruptionException(long index, String reason) {
    super(index >= 0 ? String.format(Locale.ROOT, "record %d: %s", index, reason) : reason);
    this.index = index;
  }

  /** The first bad index, or -1. */
  public long index() {
    return index;
  }
}
