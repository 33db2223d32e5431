package dev.castellan.core.cbor;

import dev.castellan.core.internal.cbor.Diagnostic;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A tagged item (major type 6, RFC 8949 §3.4). The tag number is an unsigned 64-bit value
 * held in a {@code long} (read it with {@link Long#toUnsignedString}). Tag semantics are not
 * checked here, except that {@link #asBigInteger()} reads bignums (tags 2 and 3).
 */
public record CborTag(long tag, CborValue content) implements CborValue {
  public static final long POSITIVE_BIGNUM = 2;
  public static final long NEGATIVE_BIGNUM = 3;

  public CborTag {
    Objects.requireNonNull(content, "content");
  }

  @Override
  public CborTag asTag() {
    return this;
  }

  /** The value of a bignum: tag 2 or 3 over a byte string (RFC 8949 §3.4.3). */
  @Override
  public BigInteger asBigInteger() throws CborException {
    if ((tag != POSITIVE_BIGNUM && tag != NEGATIVE_BIGNUM) || !(content instanceof CborBytes bytes)) {
      throw new CborException("expected integer, found tag " + Long.toUnsignedString(tag));
    }
    BigInteger magnitude = new BigInteger(1, bytes.bytes());
    return tag == POSITIVE_BIGNUM ? magnitude : magnitude.negate().subtract(BigInteger.ONE);
  }

  @Override
  public String kind() {
    return "tag";
  }

  // Explicit, because the generated record methods spend many stack frames per nesting level.
  @Override
  public boolean equals(Object o) {
    return o instanceof CborTag other && other.tag == tag && content.equals(other.content);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(tag) * 31 + content.hashCode();
  }

  /** Diagnostic notation (RFC 8949 §8). */
  @Override
  public String toString() {
    return Diagnostic.of(this);
  }
}
