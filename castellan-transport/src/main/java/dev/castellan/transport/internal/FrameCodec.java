package dev.castellan.transport.internal;

import dev.castellan.transport.ConnectionClosedException;
import dev.castellan.transport.Frames;
import dev.castellan.transport.TransportException;
import dev.castellan.transport.TruncatedFrameException;

/** Reads and writes frames over a byte stream whose every read and write has a deadline. */
public final class FrameCodec {
  /** A byte stream read with a deadline. */
  public interface Source {
    /** Reads 1 to {@code length} bytes into {@code buffer}, or returns -1 at end of stream. */
    int read(byte[] buffer, int offset, int length, Deadline deadline) throws TransportException;
  }

  /** A byte stream written with a deadline. */
  public interface Sink {
    /** Writes all {@code length} bytes of {@code buffer} from {@code offset}. */
    void write(byte[] buffer, int offset, int length, Deadline deadline) throws TransportException;
  }

  private FrameCodec() {}

  /** The next frame's body; the declared length is checked before the body is allocated. */
  public static byte[] read(Source source, int maximumFrameSize, Deadline deadline)
      throws TransportException {
    byte[] header = new byte[Frames.HEADER_LENGTH];
    int got = readFully(source, header, deadline);
    if (got == 0) {
      throw new ConnectionClosedException("peer closed the connection between frames");
    }
    if (got < header.length) {
      throw new TruncatedFrameException("header", header.length, got);
    }
    int length = Frames.checkLength(Frames.declaredLength(header), maximumFrameSize);
    byte[] body = new byte[length];
    got = readFully(source, body, deadline);
    if (got < length) {
      throw new TruncatedFrameException("body", length, got);
    }
    return body;
  }

  /** Writes {@code body} as one frame (one write of header and body together). */
  public static void write(Sink sink, byte[] body, int maximumFrameSize, Deadline deadline)
      throws TransportException {
    byte[] frame = Frames.encode(body, maximumFrameSize);
    sink.write(frame, 0, frame.length, deadline);
  }

  private static int readFully(Source source, byte[] into, Deadline deadline)
      throws TransportException {
    int filled = 0;
    while (filled < into.length) {
      int n = source.read(into, filled, into.length - filled, deadline);
      if (n < 0) {
        return filled;
      }
      filled += n;
    }
    return filled;
  }
}
