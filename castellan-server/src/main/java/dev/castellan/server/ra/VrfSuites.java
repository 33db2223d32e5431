package dev.castellan.server.ra;

import dev.castellan.core.vrf.EcvrfSuite;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The VRF cipher-suite names of seed 003's configuration ({@code vrf_cipher_suite}) mapped to
 * the RFC 9381 suites Castellan implements. The seed's Rust library also offers P-384, P-521,
 * secp256k1 and Brainpool curves with try-and-increment; RFC 9381 defines none of them, so they
 * are refused by name rather than mapped to something else. Pure functions.
 */
public final class VrfSuites {
  /** The seed's default. */
  public static final String DEFAULT = "SECP256R1_SHA256_TAI";

  private static final Map<String, EcvrfSuite> SEED_NAMES = Map.of(
      "SECP256R1_SHA256_TAI", EcvrfSuite.P256_SHA256_TAI,
      "SECP256R1_SHA256_SSWU", EcvrfSuite.P256_SHA256_SSWU,
      "EDWARDS25519_SHA512_TAI", EcvrfSuite.EDWARDS25519_SHA512_TAI,
      "EDWARDS25519_SHA512_ELL2", EcvrfSuite.EDWARDS25519_SHA512_ELL2);

  private VrfSuites() {}

  /**
   * The suite named {@code name}: a seed name ({@code SECP256R1_SHA256_TAI}), the RFC's
   * ({@code ECVRF-P256-SHA256-TAI}) or ours ({@code P256_SHA256_TAI}), case-insensitive.
   *
   * @throws IllegalArgumentException naming the supported suites for any other name
   */
  public static EcvrfSuite parse(String name) {
    String upper = name.strip().toUpperCase(Locale.ROOT);
    EcvrfSuite seed = SEED_NAMES.get(upper);
    if (seed != null) {
      return seed;
    }
    for (EcvrfSuite suite : EcvrfSuite.values()) {
      if (suite.name().equals(upper) || suite.specName().equals(upper)) {
        return suite;
      }
    }
    throw new IllegalArgumentException("unknown or unsupported VRF suite '" + printable(name) + "'; supported: "
        + String.join(", ", SEED_NAMES.keySet().stream().sorted().toList())
        + " (RFC 9381 defines no P-384, P-521, secp256k1 or Brainpool suite)");
  }

  /** The seed's name of {@code suite}. */
  public static String seedName(EcvrfSuite suite) {
    return SEED_NAMES.entrySet().stream().filter(e -> e.getValue() == suite).map(Map.Entry::getKey).findFirst()
        .orElseThrow();
  }

  /** The suite whose RFC 9381 suite_string is {@code suiteString}. */
  static EcvrfSuite bySuiteString(int suiteString) {
    return Arrays.stream(EcvrfSuite.values()).filter(s -> s.suiteString() == suiteString).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown VRF suite_string " + suiteString));
  }

  private static String printable(String name) {
    String cut = name.length() > 64 ? name.substring(0, 64) + "..." : name;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
