package dev.castellan.log.checkpoint;

import dev.castellan.log.merkle.TreeHasher;
import dev.castellan.log.note.NoteException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The body of a checkpoint (C2SP tlog-checkpoint, "Note text"): origin, tree size, root hash,
 * then optional extension lines.
 *
 * <p>{@link #parse} is strict: at least three non-empty lines each ending in a newline, a
 * decimal size without leading zeros that fits a signed 64-bit integer, and a root hash that
 * is standard base64 of exactly 32 bytes (this log's SHA-256 tree; stricter than parsers that
 * accept any length).
 *
 * @param origin the log's identity, non-empty
 * @param size the number of leaves
 * @param rootHash the RFC 9162 root of the first {@code size} leaves
 * @param extensions extension lines (not recommended; each non-empty)
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {
  public Checkpoint {
    if (origin.isEmpty() || origin.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("origin must be one non-empty line");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    if (rootHash.length != TreeHasher.HASH_LENGTH) {
      throw new IllegalArgumentException("root hash must be 32 bytes");
    }
    rootHash = rootHash.clone();
    extensions = List.copyOf(extensions);
    for (String line : extensions) {
      if (line.isEmpty() || line.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("extension lines must be non-empty single lines");
      }
    }
  }

  public Checkpoint(String origin, long size, byte[] rootHash) {
    this(origin, size, rootHash, List.of());
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /** The note text. */
  public String text() {
    StringBuilder out = new StringBuilder()
        .append(origin).append('\n')
        .append(size).append('\n')
        .append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
    extensions.forEach(line -> out.append(line).append('\n'));
    return out.toString();
  }

  /** Parses a checkpoint note text (without signatures). */
  public static Checkpoint parse(String text) throws NoteException {
    if (!text.endsWith("\n")) {
      throw new NoteException("checkpoint text must end with a newline");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new NoteException("checkpoint text must have at least three lines");
    }
    for (String line : lines) {
      if (line.isEmpty()) {
        throw new NoteException("checkpoint lines must be non-empty");
      }
    }
    long size = parseSize(lines[1]);
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new NoteException("checkpoint root hash is not base64");
    }
    if (root.length != TreeHasher.HASH_LENGTH) {
      throw new NoteException("checkpoint root hash is not 32 bytes");
    }
    List<String> extensions = new ArrayList<>(Arrays.asList(lines).subList(3, lines.length));
    return new Checkpoint(lines[0], size, root, extensions);
  }

  private static long parseSize(String line) throws NoteException {
    boolean digits = !line.isEmpty() && line.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!digits || (line.length() > 1 && line.charAt(0) == '0') || line.length() > 19) {
      throw new NoteException("checkpoint size must be a decimal number without leading zeros");
    }
    try {
      return Long.parseLong(line);
    } catch (NumberFormatException e) {
      throw new NoteException("checkpoint size is too large");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c && c.origin.equals(origin) && c.size == size
        && Arrays.equals(c.rootHash, rootHash) && c.extensions.equals(extensions);
  }

  @Override
  public int hashCode() {
    return origin.hashCode() * 31 + Long.hashCode(size);
  }

  @Override
  public String toString() {
    return "Checkpoint[" + origin + ", size " + size + "]";
  }
}
