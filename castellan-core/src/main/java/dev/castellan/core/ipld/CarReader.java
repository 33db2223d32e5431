package dev.castellan.core.ipld;

import java.io.IOException;
import java.io.InputStream;

/**
 * Streams a CARv1 file (ipld.io/specs/transport/car/carv1): a length-prefixed DAG-CBOR header,
 * then sections {@code varint(length) ‖ CID ‖ block}. Every section is bounded by {@link
 * CarLimits} before it is read, and every block is verified against its CID's multihash
 * (blocks whose hash function is not supported are rejected, never passed on unverified).
 * Not thread-safe.
 */
public final class CarReader implements AutoCloseable {
  private final InputStream in;
  private final CarLimits limits;
  private final CarHeader header;
  private long offset;

  private CarReader(InputStream in, CarLimits limits) throws IOException, IpldException {
    this.in = in;
    this.limits = limits;
    long length = Varint.read(in);
    if (length <= 0) {
      throw new IpldException("invalid CAR header: missing or empty");
    }
    if (length > limits.maxHeaderBytes()) {
      throw new IpldException("invalid CAR header: length exceeds the limit of " + limits.maxHeaderBytes());
    }
    byte[] block = readFully((int) length, "header");
    this.header = CarHeader.decode(block);
    this.offset = Varint.encodedLength(length) + length;
  }

  /** Reads the header of {@code in}; the reader owns the stream from now on. */
  public static CarReader open(InputStream in) throws IOException, IpldException {
    return new CarReader(in, CarLimits.DEFAULT);
  }

  public static CarReader open(InputStream in, CarLimits limits) throws IOException, IpldException {
    return new CarReader(in, limits);
  }

  public CarHeader header() {
    return header;
  }

  /** The next verified block, or {@code null} at the end of the file. */
  public CarBlock next() throws IOException, IpldException {
    long sectionOffset = offset;
    long length = Varint.read(in);
    if (length < 0) {
      return null;
    }
    if (length == 0 || length > limits.maxSectionBytes()) {
      throw new IpldException("invalid CAR section length at byte " + sectionOffset);
    }
    byte[] section = readFully((int) length, "section");
    int[] position = {0};
    Cid cid = Cid.read(section, position);
    byte[] data = java.util.Arrays.copyOfRange(section, position[0], section.length);
    cid.verify(data);
    int varintLength = Varint.encodedLength(length);
    offset += varintLength + length;
    return new CarBlock(cid, data, sectionOffset, varintLength + length, sectionOffset + varintLength + position[0]);
  }

  private byte[] readFully(int length, String what) throws IOException, IpldException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new IpldException("truncated CAR " + what);
    }
    return bytes;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
