package dev.castellan.runtime.monitor;

import java.util.Locale;

/** What happened to a file, as the record's {@code change} field spells it. */
public enum ChangeKind {
  CREATED,
  MODIFIED,
  DELETED,
  /** Content that disappeared at {@code from} appeared at {@code path} within the debounce window. */
  RENAMED;

  /** The record's spelling: {@code created}, {@code modified}, {@code deleted}, {@code renamed}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ChangeKind ofLabel(String label) {
    for (ChangeKind kind : values()) {
      if (kind.label().equals(label)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown change '" + label + "'");
  }
}
