package dev.castellan.core.vrf;

/**
 * The ECVRF cipher suites of RFC 9381 §5.5 that Castellan implements. Proofs and outputs of
 * different suites are unrelated: a verifier MUST fix the suite in advance and MUST NOT take it
 * from the proof. The SSWU and ELL2 suites hash to the curve with RFC 9380 (indifferentiable from a
 * random oracle, no data-dependent loop); the TAI suites use try-and-increment.
 */
public enum EcvrfSuite {
  /** ECVRF-P256-SHA256-TAI, suite_string 0x01: 33-octet keys, 81-octet proofs, 32-octet outputs. */
  P256_SHA256_TAI(0x01, "ECVRF-P256-SHA256-TAI", 32, 33, 81, 32),
  /**
   * ECVRF-P256-SHA256-SSWU, suite_string 0x02: as 0x01, hashing to the curve with RFC 9380 SSWU.
   */
  P256_SHA256_SSWU(0x02, "ECVRF-P256-SHA256-SSWU", 32, 33, 81, 32),
  /**
   * ECVRF-EDWARDS25519-SHA512-TAI, suite_string 0x03: 32-octet RFC 8032 keys (the secret key is the
   * RFC 8032 seed), 80-octet proofs, 64-octet outputs.
   */
  EDWARDS25519_SHA512_TAI(0x03, "ECVRF-EDWARDS25519-SHA512-TAI", 32, 32, 80, 64),
  /**
   * ECVRF-EDWARDS25519-SHA512-ELL2, suite_string 0x04: as 0x03, hashing to the curve with RFC 9380
   * Elligator 2.
   */
  EDWARDS25519_SHA512_ELL2(0x04, "ECVRF-EDWARDS25519-SHA512-ELL2", 32, 32, 80, 64);

  private final int suiteString;
  private final String specName;
  private final int secretKeyLength;
  private final int publicKeyLength;
  private final int proofLength;
  private final int outputLength;

  EcvrfSuite(
      int suiteString,
      String specName,
      int secretKeyLength,
      int publicKeyLength,
      int proofLength,
      int outputLength) {
    this.suiteString = suiteString;
    this.specName = specName;
    this.secretKeyLength = secretKeyLength;
    this.publicKeyLength = publicKeyLength;
    this.proofLength = proofLength;
    this.outputLength = outputLength;
  }

  /** The one-octet suite_string of RFC 9381. */
  public int suiteString() {
    return suiteString;
  }

  /** The RFC's name, e.g. {@code ECVRF-P256-SHA256-TAI}. */
  public String specName() {
    return specName;
  }

  public int secretKeyLength() {
    return secretKeyLength;
  }

  public int publicKeyLength() {
    return publicKeyLength;
  }

  /** Length of pi: ptLen + cLen (16) + qLen. */
  public int proofLength() {
    return proofLength;
  }

  /** Length of beta, the VRF output (the suite's hash length). */
  public int outputLength() {
    return outputLength;
  }
}
