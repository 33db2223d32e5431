package dev.castellan.core.internal.vrf;

import dev.castellan.core.hash.HashAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The parts of RFC 9380 ("Hashing to Elliptic Curves") that the ECVRF h2c suites need:
 * expand_message_xmd (§5.3.1) and hash_to_field (§5.2) with count = 1, m = 1 and L = 48 octets
 * (ceil((ceil(log2(p)) + k) / 8) for k = 128 and both 255- and 256-bit p). The curve-specific
 * map_to_curve and the cofactor clearing live with each suite.
 */
final class HashToCurve {
  /** L of RFC 9380 §5 for P-256 and edwards25519 at the 128-bit security level. */
  static final int FIELD_ELEMENT_OCTETS = 48;

  private HashToCurve() {}

  /** DST = "ECVRF_" || h2c_suite_ID_string || suite_string (RFC 9381 §5.4.1.2). */
  static byte[] domainSeparationTag(String h2cSuiteId, byte suiteString) {
    byte[] name = ("ECVRF_" + h2cSuiteId).getBytes(StandardCharsets.US_ASCII);
    byte[] dst = Arrays.copyOf(name, name.length + 1);
    dst[name.length] = suiteString;
    return dst;
  }

  /** hash_to_field(msg, 1): one element of GF(p). */
  static BigInteger hashToField(HashAlgorithm hash, byte[] msg, byte[] dst, BigInteger p) {
    return new BigInteger(1, expandMessageXmd(hash, msg, dst, FIELD_ELEMENT_OCTETS)).mod(p);
  }

  /** expand_message_xmd(msg, DST, len_in_bytes) (RFC 9380 §5.3.1). */
  static byte[] expandMessageXmd(HashAlgorithm hash, byte[] msg, byte[] dst, int lengthInBytes) {
    int b = hash.length();
    int ell = (lengthInBytes + b - 1) / b;
    if (ell > 255 || lengthInBytes > 65535 || dst.length > 255) {
      throw new IllegalArgumentException("expand_message_xmd parameters out of range");
    }
    byte[] dstPrime = Arrays.copyOf(dst, dst.length + 1);
    dstPrime[dst.length] = (byte) dst.length;
    MessageDigest digest = hash.newDigest();
    digest.update(new byte[blockLength(hash)]); // Z_pad
    digest.update(msg);
    digest.update(new byte[] {(byte) (lengthInBytes >>> 8), (byte) lengthInBytes, 0});
    digest.update(dstPrime);
    byte[] b0 = digest.digest();
    byte[] out = new byte[ell * b];
    byte[] previous = new byte[b];
    for (int i = 1; i <= ell; i++) {
      byte[] chained = new byte[b];
      for (int j = 0; j < b; j++) {
        chained[j] = (byte) (b0[j] ^ previous[j]); // b_1 uses b_0 alone: previous is zero
      }
      digest.update(chained);
      digest.update((byte) i);
      digest.update(dstPrime);
      previous = digest.digest();
      System.arraycopy(previous, 0, out, (i - 1) * b, b);
    }
    return Arrays.copyOf(out, lengthInBytes);
  }

  /** The input block size s_in_bytes of the hash (RFC 9380 §5.3.1). */
  private static int blockLength(HashAlgorithm hash) {
    return switch (hash) {
      case SHA_256 -> 64;
      case SHA_512, SHA_384 -> 128;
      case SHA3_512 -> 72;
    };
  }

  /** sgn0 for a prime field (RFC 9380 §4.1): the parity of x. */
  static boolean sgn0(BigInteger x) {
    return x.testBit(0);
  }

  /** inv0 (RFC 9380 §4): the inverse of x, or 0 for x = 0. */
  static BigInteger inv0(BigInteger x, BigInteger p) {
    return x.signum() == 0 ? BigInteger.ZERO : x.modInverse(p);
  }
}
