package dev.castellan.log.internal;

import dev.castellan.core.ipld.Cid;
import dev.castellan.core.ipld.IpldException;

/** Record CIDs: CIDv1, dag-cbor, sha2-256, written as multibase base32 ({@code bafyrei...}). */
public final class Cids {
  private Cids() {}

  public static Cid of(byte[] block) {
    return Cid.of(Cid.DAG_CBOR, block);
  }

  public static String string(byte[] block) {
    return of(block).toString();
  }

  /** True if {@code text} is the text form of a record CID (says nothing of whether it exists). */
  public static boolean isRecordCid(String text) {
    if (text.length() > Cid.MAX_STRING_LENGTH) {
      return false;
    }
    try {
      Cid cid = Cid.parse(text);
      return cid.version() == 1 && cid.codec() == Cid.DAG_CBOR && cid.toString().equals(text)
          && cid.multihash().code() == 0x12;
    } catch (IpldException | RuntimeException e) {
      return false;
    }
  }
}
