package dev.castellan.core.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every COSE_Sign1 vector of cose-wg/Examples in ../shared/vectors/cose (see its README for the
 * gotchas): the pass vectors verify and rebuild the exact Sig_structure, the fail vectors and
 * the unsupported algorithms (ES512, Ed448) are rejected with a CoseException.
 */
class CoseSign1VectorsTest {
  private static final List<String> SIGN1_TESTS =
      List.of(
          "sign-pass-01", "sign-pass-02", "sign-pass-03",
          "sign-fail-01", "sign-fail-02", "sign-fail-03", "sign-fail-04", "sign-fail-06", "sign-fail-07");

  /** One cose-wg example: input key, algorithm, external AAD, expected Sig_structure and output. */
  record Example(String name, boolean fail, JsonNode key, String alg, byte[] externalAad, byte[] toBeSigned, byte[] output) {
    static Example load(String relative) {
      JsonNode json = Vectors.json(relative);
      JsonNode sign0 = json.path("input").path("sign0");
      return new Example(
          relative,
          json.path("fail").asBoolean(false),
          sign0.path("key"),
          sign0.path("alg").asString(),
          Hex.decode(sign0.path("external").asString("")),
          Hex.decode(json.path("intermediates").path("ToBeSign_hex").asString()),
          Hex.decode(json.path("output").path("cbor").asString()));
    }

    CoseAlgorithm algorithm() {
      return switch (alg) {
        case "ES256" -> CoseAlgorithm.ES256;
        case "ES384" -> CoseAlgorithm.ES384;
        case "EdDSA" -> CoseAlgorithm.EDDSA;
        default -> throw new IllegalArgumentException("not a supported test algorithm: " + alg);
      };
    }

    /**
     * Decodes, checks the Sig_structure against the file's (for pass vectors: the fail vectors
     * were altered after signing), and verifies.
     */
    CoseSign1 verify() throws Exception {
      CoseSign1 message = CoseSign1.decode(output);
      if (!fail) {
        assertThat(Hex.encode(message.toBeSigned(externalAad, null))).isEqualToIgnoringCase(Hex.encode(toBeSigned));
      }
      message.verify(TestKeys.fromCoseWgKey(key).verifier(), algorithm(), externalAad);
      return message;
    }
  }

  @Test
  void verify_sign1Tests_passVerifyAndFailAreRejected() {
    Failures failures = new Failures();
    for (String name : SIGN1_TESTS) {
      Example example = Example.load("cose/sign1-tests/" + name + ".json");
      failures.check(
          name,
          () -> {
            if (example.fail()) {
              assertThatThrownBy(example::verify).isInstanceOf(CoseException.class);
            } else {
              example.verify();
            }
          });
    }
    failures.assertNone(9);
  }

  @Test
  void verify_emptyProtectedEncodedAsMap_signedOverZeroLengthBstr() throws Exception {
    // sign-pass-01 carries h'A0' but was signed over h'' (README gotcha 2): RFC 9052 §4.4.
    CoseSign1 message = Example.load("cose/sign1-tests/sign-pass-01.json").verify();
    assertThat(message.protectedBytes()).containsExactly(0xA0);
    assertThat(message.protectedHeaders().isEmpty()).isTrue();
    assertThat(message.algorithm()).isEqualTo(CoseAlgorithm.ES256);
  }

  @Test
  void verify_unknownAlgorithms_throwUnsupported() {
    Failures failures = new Failures();
    for (String name : List.of("sign-fail-03", "sign-fail-04")) {
      Example example = Example.load("cose/sign1-tests/" + name + ".json");
      failures.check(
          name,
          () ->
              assertThatThrownBy(example::verify)
                  .isInstanceOf(CoseException.class)
                  .hasMessageContaining("unsupported algorithm"));
    }
    failures.assertNone(2);
  }

  @Test
  void decode_wrongTag_throws() {
    Example example = Example.load("cose/sign1-tests/sign-fail-01.json");
    assertThatThrownBy(() -> CoseSign1.decode(example.output()))
        .isInstanceOf(CoseException.class)
        .hasMessageContaining("tag 998");
  }

  @Test
  void verify_supportedAlgorithmExamples_verify() {
    Failures failures = new Failures();
    for (String relative :
        List.of(
            "cose/ecdsa-examples/ecdsa-sig-01.json",
            "cose/ecdsa-examples/ecdsa-sig-02.json",
            "cose/eddsa-examples/eddsa-sig-01.json",
            "cose/RFC8152/Appendix_C_2_1.json")) {
      Example example = Example.load(relative);
      failures.check(relative, example::verify);
    }
    failures.assertNone(4);
  }

  @Test
  void verify_es512Examples_rejectedAsUnsupported() {
    Failures failures = new Failures();
    for (String name : List.of("ecdsa-sig-03", "ecdsa-sig-04")) {
      Example example = Example.load("cose/ecdsa-examples/" + name + ".json");
      failures.check(
          name,
          () -> {
            CoseSign1 message = CoseSign1.decode(example.output());
            assertThatThrownBy(message::algorithm).hasMessageContaining("unsupported algorithm -36");
            // Even a caller who believes the key is ES256 gets "unsupported", not a verification.
            TestKeys.Pair anyKey = TestKeys.freshEc("secp256r1", "SHA256withECDSAinP1363Format");
            assertThatThrownBy(() -> message.verify(anyKey.verifier(), CoseAlgorithm.ES256, new byte[0]))
                .isInstanceOf(CoseException.class)
                .hasMessageContaining("unsupported algorithm");
          });
    }
    failures.assertNone(2);
  }

  @Test
  void verify_ed448Example_rejected() throws Exception {
    // Ed448 shares alg EdDSA (-8) with Ed25519; CoseAlgorithm.EDDSA is Ed25519 only, and the
    // 114-byte Ed448 signature is refused before any key is consulted.
    Example example = Example.load("cose/eddsa-examples/eddsa-sig-02.json");
    CoseSign1 message = CoseSign1.decode(example.output());
    TestKeys.Pair ed25519 = TestKeys.ed25519(new byte[32]);
    assertThatThrownBy(() -> message.verify(ed25519.verifier(), CoseAlgorithm.EDDSA, new byte[0]))
        .isInstanceOf(CoseException.class)
        .hasMessageContaining("must be 64 bytes, got 114");
  }

  @Test
  void sign_ed25519Example_reproducesOutputByteForByte() throws Exception {
    Example example = Example.load("cose/eddsa-examples/eddsa-sig-01.json");
    CoseSign1 message = CoseSign1.decode(example.output());
    byte[] resigned =
        CoseSign1.sign(
            TestKeys.fromCoseWgKey(example.key()).signer(),
            CoseAlgorithm.EDDSA,
            message.protectedHeaders(),
            message.unprotectedHeaders(),
            message.payload().orElseThrow(),
            example.externalAad(),
            message.isTagged());
    assertThat(Hex.encode(resigned)).isEqualToIgnoringCase(Hex.encode(example.output()));
  }

  @Test
  void sign_es256ExamplesWithRfc6979_reproduceOutputByteForByte() {
    // The ES256 examples use RFC 6979 nonces (README); sign-pass-01 is excluded because its
    // alg is unprotected, which our signer never writes.
    Failures failures = new Failures();
    for (String relative :
        List.of(
            "cose/sign1-tests/sign-pass-02.json",
            "cose/sign1-tests/sign-pass-03.json",
            "cose/ecdsa-examples/ecdsa-sig-01.json",
            "cose/RFC8152/Appendix_C_2_1.json")) {
      Example example = Example.load(relative);
      failures.check(
          relative,
          () -> {
            CoseSign1 message = CoseSign1.decode(example.output());
            byte[] resigned =
                CoseSign1.sign(
                    TestKeys.deterministicP256(TestKeys.base64Url(example.key(), "d")),
                    CoseAlgorithm.ES256,
                    message.protectedHeaders(),
                    message.unprotectedHeaders(),
                    message.payload().orElseThrow(),
                    example.externalAad(),
                    message.isTagged());
            assertThat(Hex.encode(resigned)).isEqualToIgnoringCase(Hex.encode(example.output()));
          });
    }
    failures.assertNone(4);
  }
}
