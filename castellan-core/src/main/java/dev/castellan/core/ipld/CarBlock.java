package dev.castellan.core.ipld;

/**
 * One section of a CARv1 file: a block and where it was found.
 *
 * @param cid the block's CID (already verified against {@code data} by {@link CarReader})
 * @param data the block (copied in and out)
 * @param sectionOffset byte offset of the section, i.e. of its length varint
 * @param sectionLength bytes of the whole section, length varint included
 * @param blockOffset byte offset of the block data (after the CID)
 */
public record CarBlock(Cid cid, byte[] data, long sectionOffset, long sectionLength, long blockOffset) {
  public CarBlock {
    data = data.clone();
  }

  /** A copy of the block data. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  public int blockLength() {
    return data.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CarBlock other && cid.equals(other.cid) && java.util.Arrays.equals(data, other.data)
        && sectionOffset == other.sectionOffset && sectionLength == other.sectionLength
        && blockOffset == other.blockOffset;
  }

  @Override
  public int hashCode() {
    return cid.hashCode() * 31 + Long.hashCode(sectionOffset);
  }
}
