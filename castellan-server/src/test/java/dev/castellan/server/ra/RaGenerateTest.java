package dev.castellan.server.ra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.vrf.Ecvrf;
import dev.castellan.core.vrf.EcvrfPublicKey;
import dev.castellan.core.vrf.EcvrfSuite;
import dev.castellan.core.vrf.VrfException;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.testkit.OpenSsl;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * POST /ra/generate end to end over loopback HTTP: the hashes are openssl's, the proofs are
 * RFC 9381's and break when altered, the documents carry the documented user data, progress is
 * visible, and the embedded store survives a restart.
 */
class RaGenerateTest {
  @TempDir Path tmp;
  private Path root;
  private Path data;
  private RaOracle ra;
  private final List<String> files = List.of("a.txt", "empty", "dir/b.bin", "dir/deeper/c with space.txt");

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("root"));
    data = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(root.resolve("a.txt"), "hello\n");
    Files.write(root.resolve("empty"), new byte[0]);
    Files.createDirectories(root.resolve("dir/deeper"));
    byte[] big = new byte[3 * 1024 * 1024 + 17]; // more than the hasher's 256 KiB buffer, not a multiple of it
    new java.util.Random(7).nextBytes(big);
    Files.write(root.resolve("dir/b.bin"), big);
    Files.writeString(root.resolve("dir/deeper/c with space.txt"), "c");
    ra = RaOracle.boot(data, RaOptions.of(root).withThreads(2), Oracle.Access.OPEN);
  }

  @AfterEach
  void tearDown() {
    ra.close();
  }

  @Test
  void generate_theRoot_hashesEqualOpensslSha3_512() throws Exception {
    JsonNode status = ra.generate(root.toString());
    assertThat(status.get("state").asString()).isEqualTo("done");
    assertThat(status.get("total").asInt()).isEqualTo(files.size());
    assertThat(status.get("done").asInt()).isEqualTo(files.size());
    assertThat(status.get("failed").asInt()).isZero();
    List<String> mismatches = new ArrayList<>();
    for (String file : files) {
      OpenSsl.Result openssl = OpenSsl.run(root, "dgst", "-sha3-512", "-r", file);
      assertThat(openssl.ok()).as(openssl.output()).isTrue();
      String expected = openssl.output().strip().split(" ")[0];
      String actual = ra.getJson("/ra/hash/?path=" + RaOracle.query(file)).get("hash").asString();
      if (!expected.equals(actual)) {
        mismatches.add(file + ": openssl " + expected + ", RA " + actual);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void proof_verifiesWithRfc9381_andFailsWhenProofHashOrKeyIsAltered() throws Exception {
    ra.generate(root.toString());
    JsonNode proof = ra.getJson("/ra/proof/?path=dir/b.bin");
    assertThat(proof.get("suite").asString()).isEqualTo("SECP256R1_SHA256_TAI");
    JsonNode published = ra.getJson("/ra/pubkeys/").get("vrf");
    assertThat(proof.get("publicKey").asString()).isEqualTo(published.get("publicKey").asString());
    byte[] key = Hex.decode(published.get("publicKey").asString());
    byte[] pi = Hex.decode(proof.get("proof").asString());
    byte[] hash = Hex.decode(proof.get("hash").asString());

    byte[] beta = Ecvrf.verify(EcvrfPublicKey.fromBytes(EcvrfSuite.P256_SHA256_TAI, key), pi, hash);
    assertThat(Hex.encode(beta)).isEqualTo(proof.get("output").asString());

    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < pi.length; i += 7) {
      if (verifies(key, flip(pi, i), hash)) {
        accepted.add("proof byte " + i);
      }
    }
    for (int i = 0; i < hash.length; i += 5) {
      if (verifies(key, pi, flip(hash, i))) {
        accepted.add("hash byte " + i);
      }
    }
    for (int i = 1; i < key.length; i += 4) {
      if (verifies(flip(key, i), pi, hash)) {
        accepted.add("key byte " + i);
      }
    }
    assertThat(accepted).as("alterations that still verified").isEmpty();
  }

  private static boolean verifies(byte[] key, byte[] pi, byte[] alpha) {
    try {
      Ecvrf.verify(EcvrfPublicKey.fromBytes(EcvrfSuite.P256_SHA256_TAI, key), pi, alpha);
      return true;
    } catch (VrfException e) {
      return false;
    }
  }

  private static byte[] flip(byte[] bytes, int index) {
    byte[] copy = bytes.clone();
    copy[index] ^= 0x01;
    return copy;
  }

  @Test
  void document_bindsTheFileHashPathAndVrfOutput_inTheDocumentedLayout() throws Exception {
    ra.generate(root.toString());
    String file = "dir/deeper/c with space.txt";
    byte[] document = ra.getBytes("/ra/doc/?view=bin&path=" + RaOracle.query(file)).body();
    JsonNode proof = ra.getJson("/ra/proof/?path=" + RaOracle.query(file));
    byte[] key = Hex.decode(proof.get("publicKey").asString());
    byte[] beta = Ecvrf.verify(EcvrfPublicKey.fromBytes(EcvrfSuite.P256_SHA256_TAI, key),
        Hex.decode(proof.get("proof").asString()), sha3(root.resolve(file)));

    // The layout written out by hand, independently of RaUserData.
    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
    expected.writeBytes("CRA1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    expected.write(0x01);
    expected.writeBytes(sha3(root.resolve(file)));
    expected.writeBytes(sha256(file.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    expected.writeBytes(sha256(key));
    expected.writeBytes(beta);
    assertThat(expected.size()).isEqualTo(165);

    NitroClaims claims = (NitroClaims) NitroVerifier.create(ra.home.nitroTrustAnchors()).verify(
        dev.castellan.attestation.Evidence.of(dev.castellan.attestation.Platform.NITRO, document),
        VerificationRequest.at(Instant.now(), Freshness.reportData(expected.toByteArray()))).claims();
    assertThat(claims.simulated()).isTrue();
    assertThat(claims.nonce()).isEmpty();

    assertThat(ra.get("/ra/doc/?view=hex&path=" + RaOracle.query(file)).body()).isEqualTo(Hex.encode(document));
    assertThat(Base64.getDecoder().decode(ra.get("/ra/doc/?view=base64&path=" + RaOracle.query(file)).body()))
        .isEqualTo(document);
    JsonNode json = ra.getJson("/ra/doc/?path=" + RaOracle.query(file));
    assertThat(json.get("document").get("user_data").asString()).isEqualTo(Hex.encode(expected.toByteArray()));
    assertThat(json.get("userData").get("vrfOutput").asString()).isEqualTo(Hex.encode(beta));
    assertThat(json.get("simulated").asBoolean()).isTrue();
    assertThat(ra.get("/ra/doc/?view=pdf&path=a.txt").statusCode()).isEqualTo(400);
  }

  private static byte[] sha3(Path file) throws Exception {
    return java.security.MessageDigest.getInstance("SHA3-512").digest(Files.readAllBytes(file));
  }

  private static byte[] sha256(byte[] bytes) throws Exception {
    return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
  }

  @Test
  void status_isIdleFirst_thenRunningWithProgress_andASecondJobIsRefusedWhileItRuns() throws Exception {
    assertThat(ra.getJson("/ra/generate/status").get("state").asString()).isEqualTo("idle");
    ra.close();
    // One worker and a 512 MiB sparse file: hashing it takes well over a second here.
    Path slow = Files.createDirectories(tmp.resolve("slow"));
    try (RandomAccessFile file = new RandomAccessFile(slow.resolve("big").toFile(), "rw")) {
      file.setLength(512L << 20);
    }
    Files.writeString(slow.resolve("small"), "x");
    ra = RaOracle.boot(data, RaOptions.of(slow).withThreads(1), Oracle.Access.OPEN);
    assertThat(ra.post("/ra/generate", Map.of("path", slow.toString()), null).statusCode()).isEqualTo(202);
    JsonNode running = ra.getJson("/ra/generate/status");
    assertThat(running.get("state").asString()).isEqualTo("running");
    assertThat(running.get("total").asInt()).isEqualTo(2);
    assertThat(running.get("done").asInt()).isLessThan(2);
    assertThat(ra.post("/ra/generate", Map.of("path", "small"), null).statusCode()).isEqualTo(503);
    int last = 0;
    JsonNode status;
    do {
      status = ra.getJson("/ra/generate/status");
      assertThat(status.get("done").asInt()).isGreaterThanOrEqualTo(last);
      last = status.get("done").asInt();
      Thread.sleep(20);
    } while (status.get("state").asString().equals("running"));
    assertThat(status.get("state").asString()).isEqualTo("done");
    assertThat(status.get("done").asInt()).isEqualTo(2);
    assertThat(status.get("finishedAt").isNull()).isFalse();
  }

  @Test
  void moreFilesThanTheBound_isRefusedBeforeAnyWork() throws Exception {
    ra.close();
    ra = RaOracle.boot(data, RaOptions.of(root).withMaxFiles(3), Oracle.Access.OPEN);
    var response = ra.post("/ra/generate", Map.of("path", root.toString()), null);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("more than 3 files");
    assertThat(ra.get("/ra/hash/?path=a.txt").statusCode()).isEqualTo(404);
    assertThat(ra.generate("dir").get("done").asInt()).isEqualTo(2);
  }

  @Test
  void aTreeOfMoreEntriesThanTheBound_isRefused_evenWithoutFiles() throws Exception {
    ra.close();
    Path empty = Files.createDirectories(tmp.resolve("dirs"));
    for (int i = 0; i < 1100; i++) {
      Files.createDirectory(empty.resolve("d" + i));
    }
    ra = RaOracle.boot(data, RaOptions.of(empty).withMaxFiles(1), Oracle.Access.OPEN);
    var response = ra.post("/ra/generate", Map.of("path", empty.toString()), null);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("1024 entries");
  }

  @Test
  void embeddedStore_andVrfKey_surviveARestart() throws Exception {
    ra.generate(root.toString());
    JsonNode hash = ra.getJson("/ra/hash/?path=a.txt");
    JsonNode proof = ra.getJson("/ra/proof/?path=a.txt");
    String key = ra.getJson("/ra/pubkeys/").get("vrf").get("publicKey").asString();
    ra.close();
    ra = RaOracle.boot(data, RaOptions.of(root), Oracle.Access.OPEN);
    assertThat(ra.getJson("/ra/hash/?path=a.txt")).isEqualTo(hash);
    assertThat(ra.getJson("/ra/proof/?path=a.txt")).isEqualTo(proof);
    assertThat(ra.getJson("/ra/pubkeys/").get("vrf").get("publicKey").asString()).isEqualTo(key);
    assertThat(ra.getJson("/ra/generate/status").get("state").asString()).isEqualTo("idle");
    assertThat(Files.isRegularFile(data.resolve("ra/vrf-p256_sha256_tai.sealed"))).isTrue();
  }
}
