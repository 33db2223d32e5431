package dev.castellan.server.ra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.vrf.Ecvrf;
import dev.castellan.core.vrf.EcvrfPublicKey;
import dev.castellan.core.vrf.EcvrfSuite;
import dev.castellan.server.oracle.Oracle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The suite is configurable: edwards25519 proofs verify with RFC 9381, and each suite keeps its own sealed key. */
class RaSuiteTest {
  @TempDir Path tmp;

  @Test
  void edwards25519Suite_provesAndBindsItsLongerOutput_andTheP256KeyIsAnother() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.writeString(root.resolve("a.txt"), "alpha");
    Path data = Files.createDirectories(tmp.resolve("data"));
    String edwardsKey;
    try (RaOracle ra = RaOracle.boot(data, RaOptions.of(root).withSuite("EDWARDS25519_SHA512_TAI"), Oracle.Access.OPEN)) {
      ra.generate("a.txt");
      JsonNode proof = ra.getJson("/ra/proof/?path=a.txt");
      assertThat(proof.get("rfcSuite").asString()).isEqualTo("ECVRF-EDWARDS25519-SHA512-TAI");
      edwardsKey = proof.get("publicKey").asString();
      byte[] beta = Ecvrf.verify(EcvrfPublicKey.fromBytes(EcvrfSuite.EDWARDS25519_SHA512_TAI, Hex.decode(edwardsKey)),
          Hex.decode(proof.get("proof").asString()), Hex.decode(proof.get("hash").asString()));
      assertThat(beta).hasSize(64);
      String userData = ra.getJson("/ra/doc/?path=a.txt").get("document").get("user_data").asString();
      assertThat(Hex.decode(userData)).hasSize(197);
      assertThat(userData).endsWith(Hex.encode(beta)).startsWith(Hex.encode("CRA1".getBytes()) + "03");
      assertThat(ra.postJson("/ra/verify_proof/", java.util.Map.of("hash", proof.get("hash").asString(),
          "proof", proof.get("proof").asString())).get("verified").asBoolean()).isTrue();
    }
    try (RaOracle ra = RaOracle.boot(data, RaOptions.of(root), Oracle.Access.OPEN)) {
      String p256Key = ra.getJson("/ra/pubkeys/").get("vrf").get("publicKey").asString();
      assertThat(Hex.decode(p256Key)).hasSize(33);
      assertThat(p256Key).isNotEqualTo(edwardsKey);
    }
    try (RaOracle ra = RaOracle.boot(data, RaOptions.of(root).withSuite("ECVRF-EDWARDS25519-SHA512-TAI"),
        Oracle.Access.OPEN)) {
      assertThat(ra.getJson("/ra/pubkeys/").get("vrf").get("publicKey").asString()).isEqualTo(edwardsKey);
    }
  }
}
