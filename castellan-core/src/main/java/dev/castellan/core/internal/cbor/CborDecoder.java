package dev.castellan.core.internal.cbor;

import dev.castellan.core.cbor.CborArray;
import dev.castellan.core.cbor.CborBytes;
import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborFloat;
import dev.castellan.core.cbor.CborInteger;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborSimple;
import dev.castellan.core.cbor.CborTag;
import dev.castellan.core.cbor.CborText;
import dev.castellan.core.cbor.CborValue;
import java.io.ByteArrayOutputStream;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A recursive-descent CBOR decoder over a byte array (RFC 8949 §3 and the well-formedness
 * algorithm of Appendix C). Bounded: depth and item count are capped, and every length read
 * from the input is checked against the bytes that remain before anything is allocated, so
 * an allocation never exceeds the input size. Every failure is a {@link CborException}.
 */
public final class CborDecoder {
  private static final int BREAK = 0xff;

  private final byte[] in;
  private final int end;
  private final Profile profile;
  private final boolean strict;
  private final int maxDepth;
  private int itemsLeft;
  private int pos;

  private CborDecoder(byte[] in, int offset, int end, Profile profile, int maxDepth, int maxItems) {
    this.in = in;
    this.pos = offset;
    this.end = end;
    this.profile = profile;
    this.strict = profile != Profile.WELL_FORMED;
    this.maxDepth = maxDepth;
    this.itemsLeft = maxItems;
  }

  /** Decodes exactly one item spanning all of {@code input}. */
  public static CborValue decode(byte[] input, Profile profile, int maxDepth, int maxItems) throws CborException {
    CborDecoder decoder = new CborDecoder(input, 0, input.length, profile, maxDepth, maxItems);
    CborValue value = decoder.item(1);
    if (decoder.pos != input.length) {
      throw new CborException("trailing bytes after the data item", decoder.pos);
    }
    return value;
  }

  private CborValue item(int depth) throws CborException {
    int start = pos;
    if (depth > maxDepth) {
      throw new CborException("nesting deeper than " + maxDepth, start);
    }
    if (--itemsLeft < 0) {
      throw new CborException("more data items than the limit", start);
    }
    int initial = u8();
    int major = initial >>> 5;
    int ai = initial & 0x1f;
    if (major == 7) {
      return simpleOrFloat(ai, start);
    }
    if (ai == 31) {
      return indefinite(major, depth, start);
    }
    long argument = argument(ai, start);
    return switch (major) {
      case 0 -> CborInteger.ofUnsigned(argument);
      case 1 -> CborInteger.ofNegativeArgument(argument);
      case 2 -> {
        int length = length(argument, 1, start);
        CborBytes bytes = CborBytes.of(in, pos, length);
        pos += length;
        yield bytes;
      }
      case 3 -> {
        int length = length(argument, 1, start);
        String text = Utf8.decode(in, pos, length, start);
        pos += length;
        yield new CborText(text);
      }
      case 4 -> array(items(length(argument, 1, start), start), depth);
      case 5 -> map(items(length(argument, 2, start), start), depth, start);
      default -> tag(argument, depth, start);
    };
  }

  private CborArray array(int count, int depth) throws CborException {
    List<CborValue> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      items.add(item(depth + 1));
    }
    return new CborArray(items);
  }

  private CborMap map(int count, int depth, int start) throws CborException {
    List<Map.Entry<CborValue, CborValue>> entries = new ArrayList<>(count);
    int previousKey = -1;
    int previousKeyEnd = -1;
    for (int i = 0; i < count; i++) {
      int keyStart = pos;
      CborValue key = item(depth + 1);
      if (profile == Profile.DAG_CBOR && !(key instanceof CborText)) {
        throw new CborException("DAG-CBOR map key is not a text string", keyStart);
      }
      if (strict && previousKey >= 0) {
        int order = compareKeys(previousKey, previousKeyEnd, keyStart, pos);
        if (order >= 0) {
          throw new CborException(order == 0 ? "duplicate map key" : "map keys not in deterministic order", keyStart);
        }
      }
      previousKey = keyStart;
      previousKeyEnd = pos;
      entries.add(new SimpleImmutableEntry<>(key, item(depth + 1)));
    }
    return toMap(entries, start);
  }

  private int compareKeys(int aFrom, int aTo, int bFrom, int bTo) {
    if (profile == Profile.DAG_CBOR && aTo - aFrom != bTo - bFrom) {
      return Integer.compare(aTo - aFrom, bTo - bFrom);
    }
    return Arrays.compareUnsigned(in, aFrom, aTo, in, bFrom, bTo);
  }

  private static CborMap toMap(List<Map.Entry<CborValue, CborValue>> entries, int start) throws CborException {
    try {
      return CborMap.of(entries);
    } catch (IllegalArgumentException e) { // the only rejection CborMap.of makes on decoded items
      throw new CborException("duplicate map key", start);
    }
  }

  private CborValue tag(long number, int depth, int start) throws CborException {
    if (profile == Profile.DAG_CBOR && number != CborEncoder.CID_TAG) {
      throw new CborException("DAG-CBOR admits only tag 42", start);
    }
    CborValue content = item(depth + 1);
    if (profile == Profile.DAG_CBOR
        && (!(content instanceof CborBytes link) || link.length() == 0 || link.byteAt(0) != 0)) {
      throw new CborException("tag 42 must hold a byte string starting with 0x00", start);
    }
    if (profile == Profile.DETERMINISTIC && (number == CborTag.POSITIVE_BIGNUM || number == CborTag.NEGATIVE_BIGNUM)) {
      // CDE: a bignum must not fit a basic integer (then it has 9+ bytes) nor have a leading zero.
      // Tags 2/3 over anything but a byte string are not bignums (invalid, but not our call here).
      if (content instanceof CborBytes magnitude && (magnitude.length() <= 8 || magnitude.byteAt(0) == 0)) {
        throw new CborException("bignum not in preferred encoding", start);
      }
    }
    return new CborTag(number, content);
  }

  private CborValue simpleOrFloat(int ai, int start) throws CborException {
    switch (ai) {
      case 20, 21, 22 -> {
        return ai == 20 ? CborSimple.FALSE : ai == 21 ? CborSimple.TRUE : CborSimple.NULL;
      }
      case 24 -> {
        int value = u8();
        if (value < 32) {
          throw new CborException("two-byte simple value below 32 is not well-formed", start);
        }
        return dagSimple(new CborSimple(value), start);
      }
      case 25 -> {
        return checkFloat(FloatBits.halfToDouble((int) be(2)), 2, start);
      }
      case 26 -> {
        return checkFloat(FloatBits.singleToDouble((int) be(4)), 4, start);
      }
      case 27 -> {
        return checkFloat(be(8), 8, start);
      }
      case 28, 29, 30 -> throw new CborException("reserved additional information value", start);
      case 31 -> throw new CborException("unexpected break", start);
      default -> {
        return dagSimple(new CborSimple(ai), start);
      }
    }
  }

  private CborValue dagSimple(CborSimple simple, int start) throws CborException {
    if (profile == Profile.DAG_CBOR) {
      throw new CborException("DAG-CBOR admits only the simple values false, true and null", start);
    }
    return simple;
  }

  private CborFloat checkFloat(long bits, int width, int start) throws CborException {
    switch (profile) {
      case DETERMINISTIC -> {
        int shortest = FloatBits.toHalf(bits) >= 0 ? 2 : FloatBits.toSingle(bits) >= 0 ? 4 : 8;
        if (shortest != width) {
          throw new CborException("float not in its shortest exact width", start);
        }
      }
      case DAG_CBOR -> {
        if (width != 8) {
          throw new CborException("DAG-CBOR floats must be 64-bit", start);
        }
        if ((bits & 0x7ff0_0000_0000_0000L) == 0x7ff0_0000_0000_0000L) {
          throw new CborException("DAG-CBOR admits no NaN or infinity", start);
        }
      }
      case WELL_FORMED -> {}
    }
    return CborFloat.ofBits(bits);
  }

  private CborValue indefinite(int major, int depth, int start) throws CborException {
    if (strict) {
      throw new CborException("indefinite length not allowed", start);
    }
    switch (major) {
      case 2, 3 -> {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        StringBuilder text = new StringBuilder();
        while (!atBreak()) {
          int chunkStart = pos;
          if (--itemsLeft < 0) {
            throw new CborException("more data items than the limit", chunkStart);
          }
          int initial = u8();
          if (initial >>> 5 != major || (initial & 0x1f) == 31) {
            throw new CborException("indefinite-length string chunk of the wrong type", chunkStart);
          }
          int length = length(argument(initial & 0x1f, chunkStart), 1, chunkStart);
          if (major == 2) {
            joined.write(in, pos, length);
          } else {
            text.append(Utf8.decode(in, pos, length, chunkStart));
          }
          pos += length;
        }
        return major == 2 ? CborBytes.of(joined.toByteArray()) : new CborText(text.toString());
      }
      case 4 -> {
        List<CborValue> items = new ArrayList<>();
        while (!atBreak()) {
          items.add(item(depth + 1));
        }
        return new CborArray(items);
      }
      case 5 -> {
        List<Map.Entry<CborValue, CborValue>> entries = new ArrayList<>();
        while (!atBreak()) {
          CborValue key = item(depth + 1);
          entries.add(new SimpleImmutableEntry<>(key, item(depth + 1)));
        }
        return toMap(entries, start);
      }
      default -> throw new CborException("indefinite length on a major type without length", start);
    }
  }

  /** Consumes a break byte if one is next. */
  private boolean atBreak() throws CborException {
    if (pos >= end) {
      throw new CborException("unexpected end of input", pos);
    }
    if ((in[pos] & 0xff) == BREAK) {
      pos++;
      return true;
    }
    return false;
  }

  /** Reads the argument for additional information {@code ai} (0..27), unsigned. */
  private long argument(int ai, int start) throws CborException {
    if (ai < 24) {
      return ai;
    }
    long value;
    long minimum;
    switch (ai) {
      case 24 -> { value = u8(); minimum = 24; }
      case 25 -> { value = be(2); minimum = 0x100; }
      case 26 -> { value = be(4); minimum = 0x1_0000; }
      case 27 -> { value = be(8); minimum = 0x1_0000_0000L; }
      default -> throw new CborException("reserved additional information value", start);
    }
    if (strict && Long.compareUnsigned(value, minimum) < 0) {
      throw new CborException("integer or length not in shortest encoding", start);
    }
    return value;
  }

  /**
   * Checks a count of items or bytes against the remaining input ({@code perUnit} bytes at
   * least each), so nothing is ever allocated from an unchecked length.
   */
  private int length(long count, int perUnit, int start) throws CborException {
    if (count < 0 || count > (end - pos) / perUnit) {
      throw new CborException("length exceeds the remaining input", start);
    }
    return (int) count;
  }

  /** Checks that {@code count} more items fit the item limit, before a list is sized for them. */
  private int items(int count, int start) throws CborException {
    if (count > itemsLeft) {
      throw new CborException("more data items than the limit", start);
    }
    return count;
  }

  private int u8() throws CborException {
    if (pos >= end) {
      throw new CborException("unexpected end of input", pos);
    }
    return in[pos++] & 0xff;
  }

  private long be(int bytes) throws CborException {
    if (end - pos < bytes) {
      throw new CborException("unexpected end of input", pos);
    }
    long value = 0;
    for (int i = 0; i < bytes; i++) {
      value = (value << 8) | (in[pos++] & 0xff);
    }
    return value;
  }
}
