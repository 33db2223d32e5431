package dev.castellan.transport;

/**
 * The frame format, as pure functions. A frame is a 4-byte big-endian unsigned length
 * {@code n} followed by exactly {@code n} bytes of body. {@code n} MUST be at least 1 (frames
 * are non-empty: an empty frame is refused, as malformed, by both sides) and at most the
 * configured maximum frame size (default 64 KiB). A reader MUST refuse a larger declared
 * length before allocating anything for the body. See docs/transport.md.
 */
public final class Frames {
  /** Length of the frame header in bytes. */
  public static final int HEADER_LENGTH = 4;

  private Frames() {}

  /** The 4-byte header for a body of {@code length} bytes. */
  public static byte[] header(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative frame length");
    }
    return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
  }

  /** The unsigned length a header declares: 0 to 2^32 - 1. */
  public static long declaredLength(byte[] header) {
    if (header.length != HEADER_LENGTH) {
      throw new IllegalArgumentException("a frame header is 4 bytes");
    }
    return ((header[0] & 0xFFL) << 24) | ((header[1] & 0xFFL) << 16)
        | ((header[2] & 0xFFL) << 8) | (header[3] & 0xFFL);
  }

  /**
   * Checks a declared length against the limits: throws unless it is 1 to {@code maximumFrameSize}.
   */
  public static int checkLength(long declaredLength, int maximumFrameSize) throws TransportException {
    if (declaredLength == 0) {
      throw new EmptyFrameException();
    }
    if (declaredLength < 0 || declaredLength > maximumFrameSize) {
      throw new FrameTooLargeException(declaredLength, maximumFrameSize);
    }
    return (int) declaredLength;
  }

  /** Header and body of one frame, in a new array; throws if the body is empty or too large. */
  public static byte[] encode(byte[] body, int maximumFrameSize) throws TransportException {
    int length = checkLength(body.length, maximumFrameSize);
    byte[] frame = new byte[HEADER_LENGTH + length];
    System.arraycopy(header(length), 0, frame, 0, HEADER_LENGTH);
    System.arraycopy(body, 0, frame, HEADER_LENGTH, length);
    return frame;
  }
}
