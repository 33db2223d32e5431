package dev.castellan.runtime.monitor;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change of one file, relative to the watched directory.
 *
 * @param kind what happened
 * @param path the file's path ({@code /}-separated, relative); for a rename the new path
 * @param from for a rename the old path, else empty
 * @param oldHash the SHA-3-512 (lower-case hex) recorded at {@code path} before, empty if none
 *     (created, a rename to a new name)
 * @param newHash the SHA-3-512 at {@code path} now, empty if deleted
 * @param time when the monitor recorded it (after the debounce), not the file's mtime
 */
public record Change(ChangeKind kind, String path, Optional<String> from, Optional<String> oldHash,
    Optional<String> newHash, Instant time) {
  public Change {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(path);
    Objects.requireNonNull(time);
    if (from.isPresent() != (kind == ChangeKind.RENAMED)) {
      throw new IllegalArgumentException("a rename, and only a rename, has a from path");
    }
    if (newHash.isEmpty() != (kind == ChangeKind.DELETED)) {
      throw new IllegalArgumentException("every change but a delete has a new hash");
    }
    if (kind == ChangeKind.CREATED && oldHash.isPresent() || kind != ChangeKind.CREATED
        && kind != ChangeKind.RENAMED && oldHash.isEmpty()) {
      throw new IllegalArgumentException(kind.label() + " with" + (oldHash.isPresent() ? "" : "out") + " an old hash");
    }
  }

  static Change created(String path, String hash, Instant time) {
    return new Change(ChangeKind.CREATED, path, Optional.empty(), Optional.empty(), Optional.of(hash), time);
  }

  static Change modified(String path, String oldHash, String newHash, Instant time) {
    return new Change(ChangeKind.MODIFIED, path, Optional.empty(), Optional.of(oldHash), Optional.of(newHash), time);
  }

  static Change deleted(String path, String oldHash, Instant time) {
    return new Change(ChangeKind.DELETED, path, Optional.empty(), Optional.of(oldHash), Optional.empty(), time);
  }

  /** {@code replaced}: the hash that was at {@code path} before the rename overwrote it, if any. */
  static Change renamed(String from, String path, Optional<String> replaced, String hash, Instant time) {
    return new Change(ChangeKind.RENAMED, path, Optional.of(from), replaced, Optional.of(hash), time);
  }

  /** One line for people: {@code renamed a.txt -> b.txt}. */
  public String summary() {
    return kind.label() + " " + from.map(f -> f + " -> ").orElse("") + path;
  }
}
