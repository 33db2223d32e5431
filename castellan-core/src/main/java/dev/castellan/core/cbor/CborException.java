package dev.castellan.core.cbor;

/**
 * Input that is not well-formed CBOR, not in the required deterministic encoding, or beyond
 * the configured size or depth limits. The message says what was wrong and at which byte
 * offset; it never echoes the input.
 */
public final class CborException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long offset;

  public CborException(String message, long offset) {
    super(message + " (at byte " + offset + ")");
    this.offset = offset;
  }

  public CborException(String message) {
    super(message);
    this.offset = -1;
  }

  /** The byte offset where decoding failed, or -1 when it is not about a position. */
  public long offset() {
    return offset;
  }
}
