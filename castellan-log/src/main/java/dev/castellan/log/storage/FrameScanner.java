package dev.castellan.log.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Locale;
import java.util.zip.CRC32C;

/** Reads and writes the embedded engine's frames; reports a problem instead of throwing. */
final class FrameScanner {
  record Frame(byte[] payload, String problem) {}

  private final FileChannel channel;
  private final int maxPayload;
  private final ByteBuffer header = ByteBuffer.allocate(EmbeddedStorage.HEADER_BYTES);

  FrameScanner(FileChannel channel, int maxPayload) {
    this.channel = channel;
    this.maxPayload = maxPayload;
  }

  static void writeFrame(ByteBuffer out, long index, byte[] payload) {
    int start = out.position();
    out.putInt(payload.length).putLong(index);
    CRC32C crc = new CRC32C();
    crc.update(out.array(), start, 12);
    crc.update(payload);
    out.putInt((int) crc.getValue()).put(payload);
  }

  Frame next(long position, long expectedIndex) throws IOException {
    header.clear();
    if (!readFully(header, position)) {
      return new Frame(null, "incomplete frame header");
    }
    header.flip();
    int length = header.getInt();
    long index = header.getLong();
    int storedCrc = header.getInt();
    if (length < 0 || length > maxPayload) {
      return new Frame(null, "frame length is out of range");
    }
    ByteBuffer payload = ByteBuffer.allocate(length);
    if (!readFully(payload, position + EmbeddedStorage.HEADER_BYTES)) {
      return new Frame(null, "incomplete frame");
    }
    CRC32C crc = new CRC32C();
    crc.update(header.array(), 0, 12);
    crc.update(payload.array());
    if ((int) crc.getValue() != storedCrc) {
      return new Frame(null, "stored bytes were changed (checksum mismatch)");
    }
    if (index != expectedIndex) {
      return new Frame(null, String.format(Locale.ROOT,
          "found the record stored as index %d here: records were dropped or reordered", index));
    }
    return new Frame(payload.array(), null);
  }

  private boolean readFully(ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        return false;
      }
      at += n;
    }
    return true;
  }
}
