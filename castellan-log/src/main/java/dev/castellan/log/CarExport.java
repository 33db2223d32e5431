package dev.castellan.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Export of a log's records as a CARv1 file (https://ipld.io/specs/transport/car/carv1/):
 * a header {@code {roots: [CID...], version: 1}} in DAG-CBOR, then one section per record
 * ({@code varint(length) || CID || block}), in log order. The roots are the records' CIDs, so
 * any IPFS tool can import and pin them (seed 000's private swarm).
 */
public final class CarExport {
  private CarExport() {}

  /** Writes the records {@code [0, size)} of {@code log} to {@code out}; returns the count. */
  public static long write(LogReader log, long size, OutputStream out) throws IOException, LogException {
    ByteSink header = new ByteSink();
    header.head(5, 2); // map of two entries, keys in DAG-CBOR order
    header.text("roots");
    header.head(4, size);
    for (long i = 0; i < size; i++) {
      byte[] cid = LogRecord.decode(log.recordBytes(i)).cidBytes();
      header.write(0xd8);
      header.write(42); // tag 42: CID, as a byte string with a leading 0x00 (identity multibase)
      header.head(2, cid.length + 1);
      header.write(0);
      header.writeBytes(cid);
    }
    header.text("version");
    header.head(0, 1);
    varint(out, header.size());
    header.writeTo(out);
    for (long i = 0; i < size; i++) {
      byte[] block = log.recordBytes(i);
      byte[] cid = LogRecord.decode(block).cidBytes();
      varint(out, (long) cid.length + block.length);
      out.write(cid);
      out.write(block);
    }
    out.flush();
    return size;
  }

  private static void varint(OutputStream out, long value) throws IOException {
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  private static final class ByteSink extends java.io.ByteArrayOutputStream {
    void head(int majorType, long length) {
      int mt = majorType << 5;
      if (length < 24) {
        write(mt | (int) length);
      } else if (length < 0x100) {
        write(mt | 24);
        write((int) length);
      } else if (length < 0x10000) {
        write(mt | 25);
        write((int) (length >>> 8));
        write((int) length);
      } else if (length < 0x1_0000_0000L) {
        write(mt | 26);
        for (int shift = 24; shift >= 0; shift -= 8) {
          write((int) (length >>> shift));
        }
      } else {
        write(mt | 27);
        for (int shift = 56; shift >= 0; shift -= 8) {
          write((int) (length >>> shift));
        }
      }
    }

    void text(String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      head(3, bytes.length);
      writeBytes(bytes);
    }
  }
}
