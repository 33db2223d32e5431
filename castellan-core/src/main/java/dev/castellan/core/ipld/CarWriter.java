package dev.castellan.core.ipld;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes a CARv1 file: the header {@code {roots, version: 1}} in DAG-CBOR, then one section
 * {@code varint(length) ‖ CID ‖ block} per {@link #write}. Each block MUST match its CID; the
 * writer checks, so it never produces a file that {@link CarReader} would reject. Not
 * thread-safe.
 */
public final class CarWriter implements AutoCloseable {
  private final OutputStream out;

  private CarWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes the header to {@code out}; the writer owns the stream from now on. */
  public static CarWriter create(OutputStream out, List<Cid> roots) throws IOException, IpldException {
    byte[] header = new CarHeader(roots).encode();
    Varint.write(header.length, out);
    out.write(header);
    return new CarWriter(out);
  }

  /** Appends one section after checking {@code block} against {@code cid}. */
  public void write(Cid cid, byte[] block) throws IOException, IpldException {
    cid.verify(block);
    byte[] binary = cid.bytes();
    Varint.write((long) binary.length + block.length, out);
    out.write(binary);
    out.write(block);
  }

  /** Encodes {@code value} as DAG-CBOR, appends it, and returns its CID. */
  public Cid writeDagCbor(dev.castellan.core.cbor.CborValue value) throws IOException, IpldException {
    byte[] block = DagCbor.encode(value);
    Cid cid = Cid.of(Cid.DAG_CBOR, block);
    write(cid, block);
    return cid;
  }

  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
