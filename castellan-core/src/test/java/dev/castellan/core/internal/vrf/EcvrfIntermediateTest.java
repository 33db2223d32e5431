package dev.castellan.core.internal.vrf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.vrf.EcvrfSuite;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The intermediate values RFC 9381 Appendix B prints (H, k, U = k·B, V = k·H), checked step by step
 * so that a failing end-to-end vector points at the step that broke.
 */
class EcvrfIntermediateTest {
  @Test
  void proveSteps_rfc9381Examples_matchIntermediateValues() {
    Failures failures = new Failures();
    for (JsonNode v : Vectors.json("ecvrf/rfc9381-ecvrf-test-vectors.json").get("vectors")) {
      EcvrfSuite suite = null;
      for (EcvrfSuite s : EcvrfSuite.values()) {
        if (s.specName().equals(v.get("suite").asString())) {
          suite = s;
        }
      }
      EcvrfCipherSuite cs = EcvrfCipherSuite.of(suite);
      JsonNode in = v.get("intermediate");
      failures.check(
          "example " + v.get("example").asInt(),
          () -> {
            byte[] sk = Hex.decode(v.get("sk").asString());
            byte[] pk = Hex.decode(v.get("pk").asString());
            byte[] alpha = Hex.decode(v.get("alpha").asString());
            if (in.has("h2c_uniform_bytes")) {
              byte[] dst = HashToCurve.domainSeparationTag(cs.h2cSuiteId(), cs.suiteString());
              byte[] msg = dev.castellan.core.bytes.Bytes.concat(pk, alpha);
              assertThat(Hex.encode(HashToCurve.expandMessageXmd(cs.hash(), msg, dst, 48)))
                  .as("uniform_bytes")
                  .isEqualTo(in.get("h2c_uniform_bytes").asString());
              var u = HashToCurve.hashToField(cs.hash(), msg, dst, cs.fieldPrime());
              assertThat(Hex.encode(cs.intToString(u, 32)))
                  .as("u")
                  .isEqualTo(in.get("h2c_u").asString());
            }
            var h = EcvrfEngine.encodeToCurve(cs, pk, alpha);
            byte[] hString = cs.pointToString(h);
            assertThat(Hex.encode(hString)).as("H").isEqualTo(in.get("h").asString());
            var k = cs.nonce(sk, hString);
            assertThat(Hex.encode(cs.intToString(k, cs.qLen())))
                .as("k")
                .isEqualTo(in.get("k").asString());
            assertThat(Hex.encode(cs.pointToString(cs.multiplyBaseSecret(k))))
                .as("U")
                .isEqualTo(in.get("u").asString());
            assertThat(Hex.encode(cs.pointToString(cs.multiplySecret(h, k))))
                .as("V")
                .isEqualTo(in.get("v").asString());
          });
    }
    failures.assertNone(12);
  }
}
