package dev.castellan.transport;

import dev.castellan.transport.internal.Deadline;
import dev.castellan.transport.internal.FrameCodec;
import java.io.ByteArrayOutputStream;

/** A byte stream in memory for the frame codec: reads from given bytes, counts what was read. */
final class InMemoryStream implements FrameCodec.Source, FrameCodec.Sink {
  private final byte[] input;
  private int position;
  final ByteArrayOutputStream written = new ByteArrayOutputStream();

  InMemoryStream(byte[] input) {
    this.input = input;
  }

  @Override
  public int read(byte[] buffer, int offset, int length, Deadline deadline) {
    if (position == input.length) {
      return -1;
    }
    // At most 3 bytes a read, so the codec's loop over short reads is exercised.
    int n = Math.min(Math.min(length, 3), input.length - position);
    System.arraycopy(input, position, buffer, offset, n);
    position += n;
    return n;
  }

  @Override
  public void write(byte[] buffer, int offset, int length, Deadline deadline) {
    written.write(buffer, offset, length);
  }

  int consumed() {
    return position;
  }
}
