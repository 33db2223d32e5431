package dev.castellan.log;

import java.util.Optional;

/**
 * A Merkle inclusion or consistency proof (RFC 9162 section 2.1.3 and 2.1.4) did not verify,
 * or its inputs were malformed (a hash that is not 32 bytes, an index outside the tree, a
 * proof of the wrong length).
 *
 * <p>Where the failure is a root mismatch, {@link #expected()} is the root the caller trusted
 * and {@link #actual()} the root the proof leads to; both are public tree hashes, never
 * secrets. They are not written into the message.
 */
public final class ProofException extends LogException {
  private static final long serialVersionUID = 1L;

  private final byte[] expected;
  private final byte[] actual;

  public ProofException(String message) {
    this(message, null, null);
  }

  public ProofException(String message, byte[] expected, byte[] actual) {
    super(message);
    this.expected = expected == null ? null : expected.clone();
    this.actual = actual == null ? null : actual.clone();
  }

  /** The root hash the caller expected, when the failure is a root mismatch. */
  public Optional<byte[]> expected() {
    return Optional.ofNullable(expected).map(byte[]::clone);
  }

  /** The root hash the proof computes, when the failure is a root mismatch. */
  public Optional<byte[]> actual() {
    return Optional.ofNullable(actual).map(byte[]::clone);
  }
}
