package dev.castellan.core.internal.cose;

import java.nio.charset.StandardCharsets;

/**
 * Builds the {@code Sig_structure} of RFC 9052 §4.4 for COSE_Sign1:
 * {@code ["Signature1", body_protected, external_aad, payload]}, in the deterministic CBOR
 * encoding (RFC 8949 §4.2.1: definite lengths, shortest heads).
 *
 * <p>Written out directly rather than through the generic CBOR encoder: the structure is fixed,
 * four items long, and the payload (which may be large) is copied exactly once.
 */
public final class SigStructure {
  private static final byte[] CONTEXT_SIGNATURE1 = "Signature1".getBytes(StandardCharsets.US_ASCII);
  private static final int MAJOR_BYTES = 2;
  private static final int MAJOR_TEXT = 3;
  private static final int ARRAY_OF_FOUR = 0x84;

  private SigStructure() {}

  /**
   * The to-be-signed bytes of a COSE_Sign1. {@code bodyProtected} is the protected bucket
   * exactly as it will be (or was) transmitted, except that an empty bucket is always the
   * zero-length string (see {@code CoseSign1}).
   */
  public static byte[] sign1(byte[] bodyProtected, byte[] externalAad, byte[] payload) {
    long total =
        1
            + headLength(CONTEXT_SIGNATURE1.length) + CONTEXT_SIGNATURE1.length
            + headLength(bodyProtected.length) + bodyProtected.length
            + headLength(externalAad.length) + externalAad.length
            + headLength(payload.length) + payload.length;
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("Sig_structure too large");
    }
    byte[] out = new byte[(int) total];
    int at = 0;
    out[at++] = (byte) ARRAY_OF_FOUR;
    at = putString(out, at, MAJOR_TEXT, CONTEXT_SIGNATURE1);
    at = putString(out, at, MAJOR_BYTES, bodyProtected);
    at = putString(out, at, MAJOR_BYTES, externalAad);
    putString(out, at, MAJOR_BYTES, payload);
    return out;
  }

  private static int headLength(int length) {
    if (length < 24) {
      return 1;
    } else if (length < 0x100) {
      return 2;
    } else if (length < 0x10000) {
      return 3;
    }
    return 5;
  }

  private static int putString(byte[] out, int at, int major, byte[] content) {
    int length = content.length;
    int type = major << 5;
    if (length < 24) {
      out[at++] = (byte) (type | length);
    } else if (length < 0x100) {
      out[at++] = (byte) (type | 24);
      out[at++] = (byte) length;
    } else if (length < 0x10000) {
      out[at++] = (byte) (type | 25);
      out[at++] = (byte) (length >>> 8);
      out[at++] = (byte) length;
    } else {
      out[at++] = (byte) (type | 26);
      out[at++] = (byte) (length >>> 24);
      out[at++] = (byte) (length >>> 16);
      out[at++] = (byte) (length >>> 8);
      out[at++] = (byte) length;
    }
    System.arraycopy(content, 0, out, at, length);
    return at + length;
  }
}
