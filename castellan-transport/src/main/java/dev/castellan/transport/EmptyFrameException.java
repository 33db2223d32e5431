package dev.castellan.transport;

/**
 * A frame declares length zero. Frames are non-empty (see {@link Frames}): no message of the
 * protocols that run over this transport is empty, so an empty frame is malformed.
 */
public final class EmptyFrameException extends TransportException {
  /** An empty frame, sent or received. */
  public EmptyFrameException() {
    super("frame declares 0 bytes; frames carry at least 1 byte");
  }
}
