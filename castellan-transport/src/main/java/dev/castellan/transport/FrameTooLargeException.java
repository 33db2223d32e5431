package dev.castellan.transport;

import java.util.Locale;

/** A frame's declared length is above the configured maximum; nothing was allocated for it. */
public final class FrameTooLargeException extends TransportException {
  private final long declaredLength;
  private final int maximumFrameSize;

  /** A frame that declares {@code declaredLength} bytes where at most {@code maximumFrameSize} are allowed. */
  public FrameTooLargeException(long declaredLength, int maximumFrameSize) {
    super(String.format(Locale.ROOT, "frame declares %d bytes; the maximum frame size is %d bytes",
        declaredLength, maximumFrameSize));
    this.declaredLength = declaredLength;
    this.maximumFrameSize = maximumFrameSize;
  }

  /** The length the frame header declared. */
  public long declaredLength() {
    return declaredLength;
  }

  /** The configured maximum. */
  public int maximumFrameSize() {
    return maximumFrameSize;
  }
}
