package dev.castellan.server.ra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.bytes.Hex;
import dev.castellan.server.oracle.Oracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The read and verify routes over loopback HTTP: confinement, bounds, PCRs, and each verify route's yes and no. */
class RaRoutesTest {
  @TempDir Path tmp;
  private Path root;
  private RaOracle ra;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("root"));
    Files.writeString(root.resolve("a.txt"), "alpha");
    Files.writeString(root.resolve("b.txt"), "beta");
    Files.writeString(tmp.resolve("secret"), "outside");
    Files.createSymbolicLink(root.resolve("out"), tmp.resolve("secret"));
    Files.createSymbolicLink(root.resolve("outdir"), tmp);
    Files.createSymbolicLink(root.resolve("in"), root.resolve("a.txt"));
    ra = RaOracle.boot(Files.createDirectories(tmp.resolve("data")), RaOptions.of(root), Oracle.Access.OPEN);
  }

  @AfterEach
  void tearDown() {
    ra.close();
  }

  @Test
  void pathsLeadingOutOfTheRoot_areRefused_onEveryPathRoute() throws Exception {
    Map<String, Integer> cases = new LinkedHashMap<>();
    cases.put("../secret", 400);
    cases.put("a.txt/../../secret", 400);
    cases.put("./a.txt", 400);
    cases.put(tmp.resolve("secret").toString(), 400);
    cases.put("/etc/passwd", 400);
    cases.put("out", 400);
    cases.put("outdir/secret", 400);
    cases.put("a\u0000b", 400);
    cases.put("missing", 404);
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Integer> c : cases.entrySet()) {
      for (String route : List.of("/ra/hash/?path=", "/ra/proof/?path=", "/ra/doc/?path=")) {
        int status = ra.get(route + RaOracle.query(c.getKey())).statusCode();
        if (status != c.getValue()) {
          wrong.add(route + c.getKey().substring(0, Math.min(40, c.getKey().length())) + " -> " + status);
        }
      }
      int generate = ra.post("/ra/generate", Map.of("path", c.getKey()), null).statusCode();
      if (generate != c.getValue()) {
        wrong.add("generate " + c.getKey().substring(0, Math.min(40, c.getKey().length())) + " -> " + generate);
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(ra.get("/ra/hash/").statusCode()).isEqualTo(400);
    // Too long: in a body the RA bound refuses it; in a query the request line's 4 KiB bound comes first.
    String tooLong = "x".repeat(RaRoot.MAX_PATH_BYTES + 1);
    var generate = ra.post("/ra/generate", Map.of("path", tooLong), null);
    assertThat(generate.statusCode()).isEqualTo(400);
    assertThat(generate.body()).contains("longer than 4096 bytes");
    assertThat(ra.get("/ra/hash/?path=" + tooLong).statusCode()).isEqualTo(414);
  }

  @Test
  void generate_walksWithoutFollowingLinks_andALinkInsideTheRootNamesItsTarget() throws Exception {
    JsonNode status = ra.generate(root.toString());
    assertThat(status.get("total").asInt()).isEqualTo(2);
    assertThat(status.get("skipped").asInt()).isEqualTo(3);
    JsonNode viaLink = ra.getJson("/ra/hash/?path=in");
    assertThat(viaLink.get("path").asString()).isEqualTo("a.txt");
    assertThat(ra.getJson("/ra/hash/?path=" + RaOracle.query(root.resolve("a.txt").toString())))
        .isEqualTo(viaLink);
  }

  @Test
  void rngSeq_isBounded_andFresh() throws Exception {
    for (String bad : List.of("0", "-1", "4097", "99999999999", "abc", "")) {
      assertThat(ra.get("/ra/rng_seq?len=" + bad).statusCode()).as(bad).isEqualTo(400);
    }
    JsonNode max = ra.getJson("/ra/rng_seq?len=4096");
    assertThat(Hex.decode(max.get("random").asString())).hasSize(4096);
    assertThat(Hex.decode(ra.getJson("/ra/rng_seq").get("random").asString())).hasSize(32);
    assertThat(ra.getJson("/ra/rng_seq?len=32").get("random").asString())
        .isNotEqualTo(ra.getJson("/ra/rng_seq?len=32").get("random").asString());
  }

  @Test
  void pcrsAndNsmDescription_areTheDevicesAndLabelledSimulated() throws Exception {
    JsonNode pcrs = ra.getJson("/ra/pcrs/");
    assertThat(pcrs.get("simulated").asBoolean()).isTrue();
    assertThat(pcrs.get("pcrs").get("0").asString()).isEqualTo(Hex.encode(ra.device.pcr(0)));
    JsonNode nsm = ra.getJson("/ra/nsm_desc");
    assertThat(nsm.get("simulated").asBoolean()).isTrue();
    assertThat(nsm.get("description").asString()).contains("simulated");
    assertThat(nsm.get("module_id").asString()).isEqualTo(ra.device.moduleId());
  }

  @Test
  void verifyPcrs_acceptsTheDevicesValues_andRefusesAnother() throws Exception {
    String pcr0 = Hex.encode(ra.device.pcr(0));
    String pcr1 = Hex.encode(ra.device.pcr(1));
    assertThat(ra.postJson("/ra/verify_pcrs/", Map.of("pcrs", "0: " + pcr0 + "\n1: " + pcr1 + "\n"))
        .get("verified").asBoolean()).isTrue();
    byte[] wrong = ra.device.pcr(1);
    wrong[0] ^= 1;
    JsonNode refused = ra.postJson("/ra/verify_pcrs/", Map.of("pcrs", "0: " + pcr0 + "\n1: " + Hex.encode(wrong)));
    assertThat(refused.get("verified").asBoolean()).isFalse();
    assertThat(refused.get("firstFailure").asString()).isEqualTo("ra.pcr1");
    assertThat(ra.post("/ra/verify_pcrs/", Map.of("pcrs", "0 " + pcr0), null).statusCode()).isEqualTo(400);
    assertThat(ra.post("/ra/verify_pcrs/", Map.of("pcrs", "0: " + pcr0 + "\n0: " + pcr0), null).statusCode())
        .isEqualTo(400);
  }

  @Test
  void verifyHashAndProof_sayYesToTheGenerated_andNoToAnAlteredOne() throws Exception {
    ra.generate(root.toString());
    JsonNode proof = ra.getJson("/ra/proof/?path=a.txt");
    String hash = proof.get("hash").asString();
    assertThat(ra.postJson("/ra/verify_hash/", Map.of("path", "a.txt", "hash", hash)).get("verified").asBoolean())
        .isTrue();
    String otherHash = ra.getJson("/ra/hash/?path=b.txt").get("hash").asString();
    assertThat(ra.postJson("/ra/verify_hash/", Map.of("path", "a.txt", "hash", otherHash)).get("verified").asBoolean())
        .isFalse();

    JsonNode ok = ra.postJson("/ra/verify_proof/", Map.of("hash", hash, "proof", proof.get("proof").asString()));
    assertThat(ok.get("verified").asBoolean()).isTrue();
    assertThat(ok.get("output").asString()).isEqualTo(proof.get("output").asString());
    JsonNode altered = ra.postJson("/ra/verify_proof/", Map.of("hash", otherHash, "proof", proof.get("proof").asString(),
        "publicKey", proof.get("publicKey").asString(), "suite", "SECP256R1_SHA256_TAI"));
    assertThat(altered.get("verified").asBoolean()).isFalse();
    assertThat(ra.post("/ra/verify_proof/", Map.of("hash", hash, "proof", "00", "suite", "SECP384R1_SHA384_TAI"), null)
        .body()).contains("unsupported VRF suite");
  }

  @Test
  void verifyDoc_acceptsAFilesDocumentForItsPath_andRefusesItForAnotherPathOrAltered() throws Exception {
    ra.generate(root.toString());
    byte[] document = ra.getBytes("/ra/doc/?view=bin&path=a.txt").body();
    String base64 = Base64.getEncoder().encodeToString(document);
    JsonNode ok = ra.postJson("/ra/verify_doc/", Map.of("document", base64, "path", "a.txt"));
    assertThat(ok.get("verified").asBoolean()).as(ok.toString()).isTrue();
    assertThat(ok.get("simulated").asBoolean()).isTrue();
    assertThat(ok.get("userData").get("fileHash").asString())
        .isEqualTo(ra.getJson("/ra/hash/?path=a.txt").get("hash").asString());

    JsonNode otherPath = ra.postJson("/ra/verify_doc/", Map.of("document", base64, "path", "b.txt"));
    assertThat(otherPath.get("verified").asBoolean()).isFalse();
    assertThat(otherPath.get("firstFailure").asString()).isEqualTo("nitro.user-data");

    byte[] altered = document.clone();
    altered[altered.length / 2] ^= 1;
    JsonNode broken = ra.postJson("/ra/verify_doc/", Map.of("document", Hex.encode(altered)));
    assertThat(broken.get("verified").asBoolean()).isFalse();

    JsonNode chain = ra.postJson("/ra/verify_cert_bundle/", Map.of("document", base64));
    assertThat(chain.get("verified").asBoolean()).isTrue();
    assertThat(chain.toString()).contains("nitro.chain");
    assertThat(ra.postJson("/ra/verify_doc/", Map.of("document", "not a document!")).get("verified").asBoolean())
        .isFalse();
    assertThat(ra.post("/ra/verify_doc/", Map.of("path", "a.txt"), null).statusCode()).isEqualTo(400);
  }

  @Test
  void bodies_areBoundedAndStrict() throws Exception {
    assertThat(ra.post("/ra/verify_hash/", "{\"path\": \"" + "a".repeat(RaVerifyApi.MAX_SMALL_BODY) + "\"}", null)
        .statusCode()).isEqualTo(413);
    assertThat(ra.post("/ra/generate", "{\"path\": \"a.txt\", \"path\": \"b.txt\"}", null).statusCode()).isEqualTo(400);
    assertThat(ra.post("/ra/generate", "[]", null).statusCode()).isEqualTo(400);
  }
}
