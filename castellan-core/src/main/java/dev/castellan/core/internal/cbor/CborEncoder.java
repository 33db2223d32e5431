package dev.castellan.core.internal.cbor;

import dev.castellan.core.cbor.CborArray;
import dev.castellan.core.cbor.CborBytes;
import dev.castellan.core.cbor.CborFloat;
import dev.castellan.core.cbor.CborInteger;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborSimple;
import dev.castellan.core.cbor.CborTag;
import dev.castellan.core.cbor.CborText;
import dev.castellan.core.cbor.CborValue;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes the deterministic encoding of a value: RFC 8949 §4.2.1 core deterministic encoding
 * (with CDE's bignum and float rules), or DAG-CBOR. Both use shortest arguments and definite
 * lengths; they differ in map key order, float width and what they admit.
 */
public final class CborEncoder {
  /** Tag 42: an IPLD link (CID), DAG-CBOR's only tag. */
  public static final long CID_TAG = 42;

  private final Profile profile;
  private byte[] out = new byte[64];
  private int size;

  private CborEncoder(Profile profile) {
    this.profile = profile;
  }

  /** The RFC 8949 §4.2.1 deterministic encoding of {@code value}. */
  public static byte[] deterministic(CborValue value) {
    return encode(value, Profile.DETERMINISTIC);
  }

  /**
   * Encodes {@code value} under {@code profile}.
   *
   * @throws ProfileViolation if the value cannot be expressed in the profile (DAG-CBOR only)
   */
  public static byte[] encode(CborValue value, Profile profile) {
    CborEncoder encoder = new CborEncoder(profile);
    encoder.write(value);
    return Arrays.copyOf(encoder.out, encoder.size);
  }

  private void write(CborValue value) {
    switch (value) {
      case CborInteger i -> head(i.isNegative() ? 1 : 0, i.argument());
      case CborBytes b -> {
        head(2, b.length());
        ensure(b.length());
        b.copyTo(out, size);
        size += b.length();
      }
      case CborText t -> {
        byte[] utf8 = t.value().getBytes(StandardCharsets.UTF_8);
        head(3, utf8.length);
        raw(utf8);
      }
      case CborArray a -> {
        head(4, a.size());
        for (CborValue item : a.items()) {
          write(item);
        }
      }
      case CborMap m -> writeMap(m);
      case CborTag t -> writeTag(t);
      case CborSimple s -> writeSimple(s);
      case CborFloat f -> writeFloat(f.bits());
    }
  }

  private void writeMap(CborMap map) {
    head(5, map.size());
    if (profile == Profile.DETERMINISTIC) {
      for (Map.Entry<CborValue, CborValue> e : map.sortedEntries()) {
        write(e.getKey());
        write(e.getValue());
      }
      return;
    }
    List<Map.Entry<CborValue, CborValue>> entries = map.entries();
    byte[][] keys = new byte[entries.size()][];
    Integer[] order = new Integer[keys.length];
    for (int i = 0; i < keys.length; i++) {
      if (!(entries.get(i).getKey() instanceof CborText text)) {
        throw new ProfileViolation("DAG-CBOR map keys must be text strings");
      }
      keys[i] = text.value().getBytes(StandardCharsets.UTF_8);
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> KeyOrder.LENGTH_FIRST.compare(keys[a], keys[b]));
    for (int index : order) {
      head(3, keys[index].length);
      raw(keys[index]);
      write(entries.get(index).getValue());
    }
  }

  private void writeTag(CborTag tag) {
    if (profile == Profile.DAG_CBOR) {
      if (tag.tag() != CID_TAG) {
        throw new ProfileViolation("DAG-CBOR admits only tag 42");
      }
      if (!(tag.content() instanceof CborBytes link) || link.length() == 0 || link.byteAt(0) != 0) {
        throw new ProfileViolation("tag 42 must hold a byte string starting with 0x00");
      }
    } else if ((tag.tag() == CborTag.POSITIVE_BIGNUM || tag.tag() == CborTag.NEGATIVE_BIGNUM)
        && tag.content() instanceof CborBytes) {
      writeBignum(tag);
      return;
    }
    head(6, tag.tag());
    write(tag.content());
  }

  /** Preferred serialization of bignums (RFC 8949 §3.4.3): an integer if it fits, no leading zeros. */
  private void writeBignum(CborTag tag) {
    BigInteger value;
    try {
      value = tag.asBigInteger();
    } catch (dev.castellan.core.cbor.CborException e) {
      throw new IllegalStateException("tag 2/3 over a byte string is always a bignum", e);
    }
    CborValue preferred = CborValue.of(value);
    if (preferred instanceof CborTag reduced) {
      head(6, reduced.tag());
      write(reduced.content());
    } else {
      write(preferred);
    }
  }

  private void writeSimple(CborSimple simple) {
    int v = simple.value();
    if (profile == Profile.DAG_CBOR && (v < 20 || v > 22)) {
      throw new ProfileViolation("DAG-CBOR admits only the simple values false, true and null");
    }
    if (v < 24) {
      byte1(0xe0 | v);
    } else {
      byte1(0xf8);
      byte1(v);
    }
  }

  private void writeFloat(long bits) {
    if (profile == Profile.DAG_CBOR) {
      if ((bits & 0x7ff0_0000_0000_0000L) == 0x7ff0_0000_0000_0000L) {
        throw new ProfileViolation("DAG-CBOR admits no NaN or infinity");
      }
      byte1(0xfb);
      be(bits, 8);
      return;
    }
    int half = FloatBits.toHalf(bits);
    if (half >= 0) {
      byte1(0xf9);
      be(half, 2);
      return;
    }
    long single = FloatBits.toSingle(bits);
    if (single >= 0) {
      byte1(0xfa);
      be(single, 4);
      return;
    }
    byte1(0xfb);
    be(bits, 8);
  }

  /** Writes a head with the shortest argument encoding ({@code argument} is unsigned). */
  private void head(int major, long argument) {
    int mt = major << 5;
    if (argument >= 0 && argument < 24) {
      byte1(mt | (int) argument);
    } else if (argument >= 0 && argument < 0x100) {
      byte1(mt | 24);
      byte1((int) argument);
    } else if (argument >= 0 && argument < 0x1_0000) {
      byte1(mt | 25);
      be(argument, 2);
    } else if (argument >= 0 && argument < 0x1_0000_0000L) {
      byte1(mt | 26);
      be(argument, 4);
    } else {
      byte1(mt | 27);
      be(argument, 8);
    }
  }

  private void be(long value, int bytes) {
    ensure(bytes);
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
      out[size++] = (byte) (value >>> shift);
    }
  }

  private void byte1(int b) {
    ensure(1);
    out[size++] = (byte) b;
  }

  private void raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, out, size, bytes.length);
    size += bytes.length;
  }

  private void ensure(int extra) {
    int needed = Math.addExact(size, extra);
    if (needed > out.length) {
      out = Arrays.copyOf(out, Math.max(needed, Math.min(Integer.MAX_VALUE - 8, out.length * 2)));
    }
  }

  /** A value that the chosen profile cannot express. */
  public static final class ProfileViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProfileViolation(String message) {
      super(message);
    }
  }
}
