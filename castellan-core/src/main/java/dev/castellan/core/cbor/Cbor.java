package dev.castellan.core.cbor;

import dev.castellan.core.internal.cbor.CborDecoder;
import dev.castellan.core.internal.cbor.CborEncoder;
import dev.castellan.core.internal.cbor.Profile;

/**
 * Encodes and decodes CBOR (RFC 8949).
 *
 * <p>{@link #encode} always writes the core deterministic encoding of §4.2.1: shortest
 * arguments, definite lengths, map keys sorted bytewise by their encodings, floats in the
 * shortest of 16/32/64 bits that keeps the exact value (NaN payloads included, per CDE), and
 * bignums (tags 2/3) reduced to a basic integer when they fit and stripped of leading zero
 * bytes. Equal values therefore always encode to equal bytes.
 *
 * <p>{@link #decode} reads exactly one data item that MUST span the whole input, in the mode
 * and within the bounds of {@link CborLimits}. It MUST NOT throw anything but {@link
 * CborException} on any input, and it allocates no more than a small multiple of the input
 * size.
 */
public final class Cbor {
  private Cbor() {}

  /** The deterministic encoding of {@code value} (RFC 8949 §4.2.1). */
  public static byte[] encode(CborValue value) {
    return CborEncoder.deterministic(value);
  }

  /** Decodes in {@link CborMode#DETERMINISTIC} mode with the default bounds. */
  public static CborValue decode(byte[] input) throws CborException {
    return decode(input, CborLimits.DETERMINISTIC);
  }

  /** Decodes exactly one data item from {@code input}. */
  public static CborValue decode(byte[] input, CborLimits limits) throws CborException {
    if (input.length > limits.maxInputBytes()) {
      throw new CborException("input of " + input.length + " bytes exceeds the limit of " + limits.maxInputBytes());
    }
    Profile profile = limits.mode() == CborMode.DETERMINISTIC ? Profile.DETERMINISTIC : Profile.WELL_FORMED;
    return CborDecoder.decode(input, profile, limits.maxDepth(), limits.maxItems());
  }
}
