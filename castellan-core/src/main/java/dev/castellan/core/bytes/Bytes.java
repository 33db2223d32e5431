package dev.castellan.core.bytes;

/** Small operations on byte arrays that several codecs need. */
public final class Bytes {
  private Bytes() {}

  /** The concatenation of {@code parts}, in order, in a new array. */
  public static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length = Math.addExact(length, part.length);
    }
    byte[] out = new byte[length];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, offset, part.length);
      offset += part.length;
    }
    return out;
  }
}
