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
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The bytewise order of deterministic encodings (RFC 8949 §4.2.1), computed on the values
 * without encoding them: {@code compare(a, b) == 0} exactly when both encode to the same
 * bytes. It works because a shortest-form head orders like (initial byte, argument) and CBOR
 * encodings are prefix-free, so containers compare item by item. Allocation-free except for
 * bignums, which are first reduced as the encoder reduces them.
 */
public final class DeterministicOrder implements Comparator<CborValue> {
  public static final DeterministicOrder INSTANCE = new DeterministicOrder();

  private DeterministicOrder() {}

  @Override
  public int compare(CborValue a, CborValue b) {
    a = reduce(a);
    b = reduce(b);
    int c = Integer.compare(initialByte(a), initialByte(b));
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(argument(a), argument(b));
    if (c != 0) {
      return c;
    }
    return switch (a) {
      case CborBytes x -> compareBytes(x, (CborBytes) b);
      case CborText x -> compareCodePoints(x.value(), ((CborText) b).value());
      case CborArray x -> compareLists(x.items(), ((CborArray) b).items());
      case CborMap x -> compareMaps(x, (CborMap) b);
      case CborTag x -> compare(x.content(), ((CborTag) b).content());
      default -> 0; // integers, simple values and floats are their head
    };
  }

  /** Bignums (tags 2/3 over a byte string) as the encoder writes them. */
  private static CborValue reduce(CborValue value) {
    if (value instanceof CborTag tag && tag.content() instanceof CborBytes
        && (tag.tag() == CborTag.POSITIVE_BIGNUM || tag.tag() == CborTag.NEGATIVE_BIGNUM)) {
      try {
        return CborValue.of(tag.asBigInteger());
      } catch (CborException e) {
        throw new IllegalStateException("tag 2/3 over a byte string is always a bignum", e);
      }
    }
    return value;
  }

  private static int initialByte(CborValue value) {
    return switch (value) {
      case CborInteger i -> (i.isNegative() ? 0x20 : 0) | additional(i.argument());
      case CborBytes b -> 0x40 | additional(b.length());
      case CborText t -> 0x60 | additional(utf8Length(t.value()));
      case CborArray a -> 0x80 | additional(a.size());
      case CborMap m -> 0xa0 | additional(m.size());
      case CborTag t -> 0xc0 | additional(t.tag());
      case CborSimple s -> s.value() < 24 ? 0xe0 | s.value() : 0xf8;
      case CborFloat f -> FloatBits.toHalf(f.bits()) >= 0 ? 0xf9 : FloatBits.toSingle(f.bits()) >= 0 ? 0xfa : 0xfb;
    };
  }

  /** The argument bytes after the initial byte, as an unsigned number (0 when there are none). */
  private static long argument(CborValue value) {
    return switch (value) {
      case CborInteger i -> i.argument();
      case CborBytes b -> b.length();
      case CborText t -> utf8Length(t.value());
      case CborArray a -> a.size();
      case CborMap m -> m.size();
      case CborTag t -> t.tag();
      case CborSimple s -> s.value();
      case CborFloat f -> {
        int half = FloatBits.toHalf(f.bits());
        long single = FloatBits.toSingle(f.bits());
        yield half >= 0 ? half : single >= 0 ? single : f.bits();
      }
    };
  }

  private static int additional(long argument) {
    if (argument >= 0 && argument < 24) {
      return (int) argument;
    }
    if (argument >= 0 && argument < 0x100) {
      return 24;
    }
    if (argument >= 0 && argument < 0x1_0000) {
      return 25;
    }
    return argument >= 0 && argument < 0x1_0000_0000L ? 26 : 27;
  }

  /** The UTF-8 length of well-formed UTF-16 text. */
  public static int utf8Length(String text) {
    int length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c)) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    }
    return length;
  }

  private static int compareBytes(CborBytes a, CborBytes b) {
    for (int i = 0; i < a.length(); i++) {
      int c = Integer.compare(a.byteAt(i) & 0xff, b.byteAt(i) & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** UTF-8 byte order is code point order, which UTF-16 order is not. */
  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private int compareLists(List<CborValue> a, List<CborValue> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private int compareMaps(CborMap a, CborMap b) {
    List<Map.Entry<CborValue, CborValue>> x = a.sortedEntries();
    List<Map.Entry<CborValue, CborValue>> y = b.sortedEntries();
    for (int i = 0; i < x.size(); i++) {
      int c = compare(x.get(i).getKey(), y.get(i).getKey());
      if (c == 0) {
        c = compare(x.get(i).getValue(), y.get(i).getValue());
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
