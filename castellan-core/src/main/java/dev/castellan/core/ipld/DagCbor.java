package dev.castellan.core.ipld;

import dev.castellan.core.cbor.CborArray;
import dev.castellan.core.cbor.CborBytes;
import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborTag;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.internal.cbor.CborDecoder;
import dev.castellan.core.internal.cbor.CborEncoder;
import dev.castellan.core.internal.cbor.Profile;
import java.util.Map;

/**
 * The DAG-CBOR codec (ipld.io/specs/codecs/dag-cbor/spec), over the {@code cbor} data model.
 * It differs from RFC 8949 deterministic encoding: map keys MUST be text strings sorted
 * length-first then bytewise; floats are always 64-bit and never NaN or infinite; the only
 * tag is 42 (a link: a byte string {@code 0x00 ‖ binary CID}); no undefined, no other simple
 * values, no indefinite lengths. {@link #encode} writes exactly that and refuses values outside
 * it; {@link #decode} accepts exactly that (one canonical encoding per value, so a decoded
 * block re-encodes to the same bytes and the same CID) and rejects anything else.
 */
public final class DagCbor {
  private DagCbor() {}

  /** The DAG-CBOR block of {@code value}. */
  public static byte[] encode(CborValue value) throws IpldException {
    checkLinks(value);
    try {
      return CborEncoder.encode(value, Profile.DAG_CBOR);
    } catch (CborEncoder.ProfileViolation e) {
      throw new IpldException(e.getMessage());
    }
  }

  /** Decodes a block with the default bounds of {@link CborLimits#DETERMINISTIC}. */
  public static CborValue decode(byte[] block) throws IpldException {
    return decode(block, CborLimits.DETERMINISTIC);
  }

  /** Decodes a block within the bounds of {@code limits} (its mode is ignored: DAG-CBOR is always strict). */
  public static CborValue decode(byte[] block, CborLimits limits) throws IpldException {
    if (block.length > limits.maxInputBytes()) {
      throw new IpldException("block of " + block.length + " bytes exceeds the limit of " + limits.maxInputBytes());
    }
    CborValue value;
    try {
      value = CborDecoder.decode(block, Profile.DAG_CBOR, limits.maxDepth(), limits.maxItems());
    } catch (CborException e) {
      throw new IpldException("invalid DAG-CBOR: " + e.getMessage(), e);
    }
    checkLinks(value);
    return value;
  }

  /** The CIDv1 (dag-cbor, sha2-256) of {@code value}'s block. */
  public static Cid cid(CborValue value) throws IpldException {
    return Cid.of(Cid.DAG_CBOR, encode(value));
  }

  /** A link to {@code cid}: tag 42 over {@code 0x00 ‖ cid.bytes()}. */
  public static CborTag link(Cid cid) {
    byte[] binary = cid.bytes();
    byte[] content = new byte[binary.length + 1];
    System.arraycopy(binary, 0, content, 1, binary.length);
    return new CborTag(CborEncoder.CID_TAG, CborValue.of(content));
  }

  /** The CID a link points to. */
  public static Cid linkTarget(CborValue link) throws IpldException {
    if (!(link instanceof CborTag tag) || tag.tag() != CborEncoder.CID_TAG
        || !(tag.content() instanceof CborBytes bytes) || bytes.length() < 2 || bytes.byteAt(0) != 0) {
      throw new IpldException("not a link (tag 42 over 0x00 and a binary CID)");
    }
    return Cid.decode(bytes.slice(1, bytes.length() - 1));
  }

  private static void checkLinks(CborValue value) throws IpldException {
    switch (value) {
      case CborTag tag -> linkTarget(tag);
      case CborArray array -> {
        for (CborValue item : array.items()) {
          checkLinks(item);
        }
      }
      case CborMap map -> {
        for (Map.Entry<CborValue, CborValue> entry : map.entries()) {
          checkLinks(entry.getValue());
        }
      }
      default -> {}
    }
  }
}
