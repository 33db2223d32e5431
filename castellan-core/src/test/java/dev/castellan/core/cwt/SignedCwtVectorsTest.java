package dev.castellan.core.cwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.core.cbor.CborTag;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.cose.CoseAlgorithm;
import dev.castellan.core.cose.CoseHeaders;
import dev.castellan.core.cose.CoseSign1;
import dev.castellan.core.cose.TestKeys;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** RFC 8392 Appendix A (../shared/vectors/cwt): the signed example, its claims and their times. */
class SignedCwtVectorsTest {
  private static final String APPENDIX_A = "cwt/rfc8392-appendix-a.json";

  private static JsonNode example(String name) {
    return Vectors.json(APPENDIX_A).path("examples").path(name);
  }

  private static TestKeys.Pair a23Key() throws Exception {
    JsonNode key = example("A.2.3_ecdsa_p256_cose_key");
    return TestKeys.ecFromHex(
        "secp256r1", "SHA256withECDSAinP1363Format",
        key.path("d").asString(), key.path("x").asString(), key.path("y").asString());
  }

  private static byte[] hex(String name) {
    return Hex.decode(example(name).path("hex").asString());
  }

  private static CwtClaims a1Claims() throws Exception {
    return CwtClaims.builder()
        .issuer("coap://as.example.com")
        .subject("erikw")
        .audience("coap://light.example.com")
        .expiration(Instant.ofEpochSecond(1444064944))
        .notBefore(Instant.ofEpochSecond(1443944944))
        .issuedAt(Instant.ofEpochSecond(1443944944))
        .cwtId(Hex.decode("0b71"))
        .build();
  }

  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  @Test
  void verify_a3SignedCwt_returnsA1Claims() throws Exception {
    CwtClaims claims = SignedCwt.verify(hex("A.3_signed_cwt"), a23Key().verifier(), CoseAlgorithm.ES256);
    assertThat(claims).isEqualTo(a1Claims());
    assertThat(claims.encode()).isEqualTo(hex("A.1_claims_set"));
    assertThat(claims.cwtId().orElseThrow()).containsExactly(0x0b, 0x71);
  }

  @Test
  void decode_a3SignedCwt_sigStructureAndKidMatchRfc() throws Exception {
    CoseSign1 message = SignedCwt.decode(hex("A.3_signed_cwt"));
    assertThat(Hex.encode(message.toBeSigned(new byte[0], null)))
        .isEqualToIgnoringCase(example("A.3_signed_cwt").path("to_be_signed_hex").asString());
    assertThat(new String(message.unprotectedHeaders().keyId().orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("AsymmetricECDSA256");
  }

  @Test
  void sign_a1ClaimsWithRfc6979_reproducesA3ByteForByte() throws Exception {
    byte[] token =
        SignedCwt.sign(
            TestKeys.deterministicP256(Hex.decode(example("A.2.3_ecdsa_p256_cose_key").path("d").asString())),
            CoseAlgorithm.ES256,
            a1Claims(),
            CoseHeaders.builder().keyId("AsymmetricECDSA256".getBytes(StandardCharsets.UTF_8)).build());
    assertThat(Hex.encode(token)).isEqualTo(Hex.encode(hex("A.3_signed_cwt")));
  }

  @Test
  void verify_coseWgA3WithoutKid_verifies() throws Exception {
    JsonNode json = Vectors.json("cwt/A_3.json");
    byte[] token = Hex.decode(json.path("output").path("cbor").asString());
    assertThat(SignedCwt.verify(token, a23Key().verifier(), CoseAlgorithm.ES256)).isEqualTo(a1Claims());
  }

  @Test
  void verify_a3UnderCwtTag61_tagStripped() throws Exception {
    byte[] wrapped = Cbor.encode(new CborTag(SignedCwt.TAG, Cbor.decode(hex("A.3_signed_cwt"), CborLimits.WELL_FORMED)));
    assertThat(SignedCwt.verify(wrapped, a23Key().verifier(), CoseAlgorithm.ES256)).isEqualTo(a1Claims());
  }

  @Test
  void verify_a3WithOtherKey_throws() throws Exception {
    TestKeys.Pair other = TestKeys.freshEc("secp256r1", "SHA256withECDSAinP1363Format");
    assertThatThrownBy(() -> SignedCwt.verify(hex("A.3_signed_cwt"), other.verifier(), CoseAlgorithm.ES256))
        .isInstanceOf(CwtException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void verify_a3ExpectingEs384_throwsAlgorithmMismatch() throws Exception {
    assertThatThrownBy(() -> SignedCwt.verify(hex("A.3_signed_cwt"), a23Key().verifier(), CoseAlgorithm.ES384))
        .isInstanceOf(CwtException.class)
        .hasMessageContaining("algorithm mismatch");
  }

  @Test
  void decode_macedAndEncryptedCwts_rejectedAsNotSign1() {
    // A.4/A.7 are COSE_Mac0 (tag 17) and A.5/A.6 COSE_Encrypt0 (tag 16): not supported here.
    Failures failures = new Failures();
    for (String name : List.of("A.4_maced_cwt", "A.5_encrypted_cwt", "A.6_nested_cwt", "A.7_maced_cwt_float")) {
      failures.check(name, () -> assertThatThrownBy(() -> SignedCwt.decode(hex(name))).isInstanceOf(CwtException.class));
    }
    for (String file : List.of("cwt/A_4.json", "cwt/A_5.json", "cwt/A_6.json", "cwt/A_7.json")) {
      byte[] token = Hex.decode(Vectors.json(file).path("output").path("cbor").asString());
      failures.check(file, () -> assertThatThrownBy(() -> SignedCwt.decode(token)).isInstanceOf(CwtException.class));
    }
    failures.assertNone(8);
  }

  @Test
  void decode_a7FloatIssuedAt_keepsFraction() throws Exception {
    // The MAC is out of scope; the claims inside A.7 still exercise the float NumericDate.
    CborValue mac0 = ((CborTag) Cbor.decode(hex("A.7_maced_cwt_float"), CborLimits.WELL_FORMED)).content();
    CwtClaims claims = CwtClaims.decode(mac0.asArray().get(2).asBytes(), 1024);
    assertThat(claims.issuedAt()).contains(Instant.ofEpochSecond(1443944944, 500_000_000));
    assertThat(Hex.encode(claims.encode())).isEqualTo("a106fb41d584367c200000");
  }

  @Test
  void validate_a1AtIssueDay_passes() throws Exception {
    CwtValidator.builder(at("2015-10-05T00:00:00Z"))
        .requireIssuer("coap://as.example.com")
        .requireAudience("coap://light.example.com")
        .build()
        .validate(a1Claims());
  }

  @Test
  void validate_a1AfterExpiry_throwsNamingExp() throws Exception {
    // exp 1444064944 = 2015-10-05T17:09:04Z; the default skew is 60 s.
    CwtValidator validator = CwtValidator.builder(at("2015-10-05T17:10:04Z")).build();
    assertThatThrownBy(() -> validator.validate(a1Claims()))
        .isInstanceOfSatisfying(CwtException.class, e -> assertThat(e.claim()).contains("exp"))
        .hasMessage("claim exp: token expired");
    CwtValidator.builder(at("2015-10-05T17:10:03Z")).build().validate(a1Claims());
  }

  @Test
  void validate_a1BeforeNotBefore_throwsNamingNbf() throws Exception {
    // nbf 1443944944 = 2015-10-04T07:49:04Z
    CwtValidator validator = CwtValidator.builder(at("2015-10-04T07:48:03Z")).build();
    assertThatThrownBy(() -> validator.validate(a1Claims()))
        .isInstanceOfSatisfying(CwtException.class, e -> assertThat(e.claim()).contains("nbf"));
  }
}
