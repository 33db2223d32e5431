package dev.castellan.core.vrf;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.internal.vrf.EcvrfCipherSuite;
import dev.castellan.core.internal.vrf.EcvrfEngine;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * An ECVRF public key (PK_string of RFC 9381) of one {@link EcvrfSuite}, immutable. A key exists
 * only after {@link #fromBytes} has decoded it strictly and run ECVRF_validate_key (RFC 9381
 * §5.4.5): P-256 keys MUST be 33-octet SEC1 compressed points on the curve; edwards25519 keys MUST
 * be canonical RFC 8032 encodings and MUST NOT have small order.
 */
public final class EcvrfPublicKey {
  private final EcvrfSuite suite;
  private final EcvrfEngine.PublicPoint point;

  private EcvrfPublicKey(EcvrfSuite suite, EcvrfEngine.PublicPoint point) {
    this.suite = suite;
    this.point = point;
  }

  /**
   * Decodes and validates {@code encoded}.
   *
   * @throws VrfException when the encoding is malformed, not a point, or of small order
   */
  public static EcvrfPublicKey fromBytes(EcvrfSuite suite, byte[] encoded) throws VrfException {
    Objects.requireNonNull(suite, "suite");
    if (encoded.length != suite.publicKeyLength()) {
      throw new VrfException(
          String.format(
              Locale.ROOT,
              "%s public key must be %d octets, got %d",
              suite.specName(),
              suite.publicKeyLength(),
              encoded.length));
    }
    return new EcvrfPublicKey(suite, EcvrfEngine.validateKey(EcvrfCipherSuite.of(suite), encoded));
  }

  public EcvrfSuite suite() {
    return suite;
  }

  /** The encoded key (PK_string), a fresh copy. */
  public byte[] toBytes() {
    return point.string().clone();
  }

  EcvrfEngine.PublicPoint point() {
    return point;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EcvrfPublicKey other
        && suite == other.suite
        && Arrays.equals(point.string(), other.point.string());
  }

  @Override
  public int hashCode() {
    return 31 * suite.hashCode() + Arrays.hashCode(point.string());
  }

  @Override
  public String toString() {
    return "EcvrfPublicKey[" + suite.specName() + ", " + Hex.encode(point.string()) + "]";
  }
}
