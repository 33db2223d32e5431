package dev.castellan.core.ipld;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Streams a CAR file (ipld.io/specs/transport/car): CARv1 is a length-prefixed DAG-CBOR
 * header, then sections {@code varint(length) ‖ CID ‖ block}. A CARv2 file (11-byte pragma,
 * 40-byte header, CARv1 payload, optional index) is read through its CARv1 payload; its index
 * is ignored. Every length is bounded by {@link CarLimits} before anything is allocated, and
 * every block is verified against its CID's multihash (a block whose hash function is not
 * supported is rejected, never passed on unverified). Offsets are from the start of the file.
 * Varints are read a byte at a time: give it a buffered stream. Not thread-safe.
 */
public final class CarReader implements AutoCloseable {
  /** The CARv2 pragma: varint(10) then DAG-CBOR {@code {"version": 2}}. */
  private static final byte[] V2_PRAGMA = {0x0a, (byte) 0xa1, 0x67, 'v', 'e', 'r', 's', 'i', 'o', 'n', 0x02};
  private static final int V2_HEADER_BYTES = 40;

  private final InputStream source;
  private final CarLimits limits;
  private final int version;
  private final Payload in;
  private final CarHeader header;
  private long offset;

  private CarReader(InputStream source, CarLimits limits) throws IOException, IpldException {
    this.source = source;
    this.limits = limits;
    byte[] block = readHeaderBlock(source);
    if (Arrays.equals(block, 0, block.length, V2_PRAGMA, 1, V2_PRAGMA.length)) {
      ByteBuffer v2 = ByteBuffer.wrap(readFully(source, V2_HEADER_BYTES, "CARv2 header")).order(ByteOrder.LITTLE_ENDIAN);
      long dataOffset = v2.getLong(16);
      long dataSize = v2.getLong(24);
      long skip = dataOffset - V2_PRAGMA.length - V2_HEADER_BYTES;
      if (skip < 0 || dataSize <= 0) {
        throw new IpldException("invalid CARv2 header: data offset or size out of range");
      }
      try {
        source.skipNBytes(skip);
      } catch (EOFException e) {
        throw new IpldException("truncated CARv2 file");
      }
      this.version = 2;
      this.in = new Payload(source, dataSize);
      this.offset = dataOffset;
      block = readHeaderBlock(in);
    } else {
      this.version = 1;
      this.in = new Payload(source, Long.MAX_VALUE);
      this.offset = 0;
    }
    this.header = CarHeader.decode(block);
    this.offset += Varint.encodedLength(block.length) + block.length;
  }

  /** Reads the header of {@code in}; the reader owns the stream from now on. */
  public static CarReader open(InputStream in) throws IOException, IpldException {
    return new CarReader(in, CarLimits.DEFAULT);
  }

  public static CarReader open(InputStream in, CarLimits limits) throws IOException, IpldException {
    return new CarReader(in, limits);
  }

  /** The CARv1 header (for CARv2, the header of its CARv1 payload). */
  public CarHeader header() {
    return header;
  }

  /** 1 or 2. */
  public int version() {
    return version;
  }

  /** The next verified block, or {@code null} at the end of the (payload of the) file. */
  public CarBlock next() throws IOException, IpldException {
    long sectionOffset = offset;
    long length = Varint.read(in);
    if (length < 0) {
      if (in.remaining != 0 && in.remaining != Long.MAX_VALUE) {
        throw new IpldException("truncated CARv2 payload");
      }
      return null;
    }
    if (length == 0 || length > limits.maxSectionBytes()) {
      throw new IpldException("invalid CAR section length at byte " + sectionOffset);
    }
    byte[] section = readFully(in, (int) length, "section");
    int[] position = {0};
    Cid cid = Cid.read(section, position);
    byte[] data = Arrays.copyOfRange(section, position[0], section.length);
    cid.verify(data);
    int varintLength = Varint.encodedLength(length);
    offset += varintLength + length;
    return new CarBlock(cid, data, sectionOffset, varintLength + length, sectionOffset + varintLength + position[0]);
  }

  private byte[] readHeaderBlock(InputStream from) throws IOException, IpldException {
    long length = Varint.read(from);
    if (length <= 0) {
      throw new IpldException("invalid CAR header: missing or empty");
    }
    if (length > limits.maxHeaderBytes()) {
      throw new IpldException("invalid CAR header: length exceeds the limit of " + limits.maxHeaderBytes());
    }
    return readFully(from, (int) length, "header");
  }

  private static byte[] readFully(InputStream from, int length, String what) throws IOException, IpldException {
    byte[] bytes = from.readNBytes(length);
    if (bytes.length != length) {
      throw new IpldException("truncated CAR " + what);
    }
    return bytes;
  }

  @Override
  public void close() throws IOException {
    source.close();
  }

  /** The CARv1 payload: at most {@code remaining} bytes of the source (unbounded for CARv1). */
  private static final class Payload extends FilterInputStream {
    long remaining;

    Payload(InputStream in, long remaining) {
      super(in);
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining == 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0 && remaining != Long.MAX_VALUE) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      if (remaining == 0) {
        return -1;
      }
      int n = super.read(buffer, off, (int) Math.min(len, remaining));
      if (n > 0 && remaining != Long.MAX_VALUE) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() {
      // the reader closes the source
    }
  }
}
