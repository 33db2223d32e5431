package dev.castellan.core.internal.cbor;

import java.util.Arrays;
import java.util.Comparator;

/** Orders of encoded map keys. */
public enum KeyOrder implements Comparator<byte[]> {
  /** RFC 8949 §4.2.1: bytewise lexicographic on the encoded keys. */
  BYTEWISE {
    @Override
    public int compare(byte[] a, byte[] b) {
      return Arrays.compareUnsigned(a, b);
    }
  },
  /** RFC 7049 §3.9 canonical (DAG-CBOR, CTAP2): shorter first, then bytewise. */
  LENGTH_FIRST {
    @Override
    public int compare(byte[] a, byte[] b) {
      return a.length != b.length ? Integer.compare(a.length, b.length) : Arrays.compareUnsigned(a, b);
    }
  }
}
