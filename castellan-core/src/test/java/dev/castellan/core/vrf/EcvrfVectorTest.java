package dev.castellan.core.vrf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.bytes.Hex;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every RFC 9381 Appendix B example (Examples 10-21, all four suites; ecvrf/README.md). */
class EcvrfVectorTest {
  static final String FILE = "ecvrf/rfc9381-ecvrf-test-vectors.json";

  record Example(
      String name, EcvrfSuite suite, byte[] sk, byte[] pk, byte[] alpha, byte[] pi, byte[] beta) {}

  static List<Example> examples() {
    List<Example> out = new ArrayList<>();
    for (JsonNode v : Vectors.json(FILE).get("vectors")) {
      Optional<EcvrfSuite> suite = suiteOf(v.get("suite").asString());
      if (suite.isEmpty()) {
        throw new AssertionError("vector of an unknown suite: " + v.get("suite").asString());
      }
      out.add(
          new Example(
              "example " + v.get("example").asInt() + " (" + v.get("suite").asString() + ")",
              suite.get(),
              Hex.decode(v.get("sk").asString()),
              Hex.decode(v.get("pk").asString()),
              Hex.decode(v.get("alpha").asString()),
              Hex.decode(v.get("pi").asString()),
              Hex.decode(v.get("beta").asString())));
    }
    return out;
  }

  static Optional<EcvrfSuite> suiteOf(String name) {
    for (EcvrfSuite suite : EcvrfSuite.values()) {
      if (suite.specName().equals(name)) {
        return Optional.of(suite);
      }
    }
    return Optional.empty();
  }

  @Test
  void prove_rfc9381Examples_matchPiAndBeta() {
    Failures failures = new Failures();
    for (Example e : examples()) {
      failures.check(
          e.name(),
          () -> {
            EcvrfPrivateKey key = EcvrfPrivateKey.fromBytes(e.suite(), e.sk());
            assertThat(Hex.encode(key.publicKey().toBytes()))
                .as("pk")
                .isEqualTo(Hex.encode(e.pk()));
            byte[] pi = Ecvrf.prove(key, e.alpha());
            assertThat(Hex.encode(pi)).as("pi").isEqualTo(Hex.encode(e.pi()));
            assertThat(Hex.encode(Ecvrf.proofToHash(e.suite(), pi)))
                .as("beta")
                .isEqualTo(Hex.encode(e.beta()));
          });
    }
    failures.assertNone(12);
  }

  @Test
  void verify_rfc9381Examples_returnBeta() {
    Failures failures = new Failures();
    for (Example e : examples()) {
      failures.check(
          e.name(),
          () -> {
            EcvrfPublicKey pk = EcvrfPublicKey.fromBytes(e.suite(), e.pk());
            assertThat(Hex.encode(Ecvrf.verify(pk, e.pi(), e.alpha())))
                .isEqualTo(Hex.encode(e.beta()));
          });
    }
    failures.assertNone(12);
  }

  /**
   * Flips one bit in every octet of pi (bit i mod 8 of octet i, so every bit position is hit across
   * the octets): Gamma, c and s must all be bound by the proof.
   */
  @Test
  void verify_flippedBitInEveryOctetOfPi_throws() {
    Failures failures = new Failures();
    for (Example e : examples()) {
      for (int i = 0; i < e.pi().length; i++) {
        byte[] pi = e.pi().clone();
        pi[i] ^= (byte) (1 << (i % 8));
        failures.check(e.name() + " pi[" + i + "]", () -> expectRejected(e, e.pk(), pi, e.alpha()));
      }
    }
    failures.assertNone(12 * 80);
  }

  @Test
  void verify_flippedAlphaBitOrExtraOctet_throws() {
    Failures failures = new Failures();
    for (Example e : examples()) {
      for (int bit = 0; bit < e.alpha().length * 8; bit++) {
        byte[] alpha = e.alpha().clone();
        alpha[bit / 8] ^= (byte) (1 << (bit % 8));
        failures.check(
            e.name() + " alpha bit " + bit, () -> expectRejected(e, e.pk(), e.pi(), alpha));
      }
      byte[] longer = java.util.Arrays.copyOf(e.alpha(), e.alpha().length + 1);
      failures.check(e.name() + " alpha + 00", () -> expectRejected(e, e.pk(), e.pi(), longer));
    }
    failures.assertNone(12);
  }

  @Test
  void verify_flippedBitInEveryOctetOfPublicKey_throws() {
    Failures failures = new Failures();
    for (Example e : examples()) {
      for (int i = 0; i < e.pk().length; i++) {
        byte[] pk = e.pk().clone();
        pk[i] ^= (byte) (1 << (i % 8));
        failures.check(e.name() + " pk[" + i + "]", () -> expectRejected(e, pk, e.pi(), e.alpha()));
      }
    }
    failures.assertNone(12 * 32);
  }

  /** Either the key fails to decode or the proof fails to verify; both must be VrfException. */
  private static void expectRejected(Example e, byte[] pk, byte[] pi, byte[] alpha) {
    try {
      Ecvrf.verify(EcvrfPublicKey.fromBytes(e.suite(), pk), pi, alpha);
    } catch (VrfException expected) {
      return;
    }
    throw new AssertionError("accepted a modified input");
  }
}
