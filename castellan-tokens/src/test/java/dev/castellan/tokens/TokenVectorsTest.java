package dev.castellan.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.bytes.Hex;
import dev.castellan.tokens.TokenException.Rule;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared COSE/CWT vectors against the token decoder. None of them is a Castellan token (no
 * 32-byte kid in the protected header, other claims), so each must be refused as MALFORMED, and
 * for the reason its structure implies — the strict profile is what these show.
 */
class TokenVectorsTest {
  private static byte[] rfc8392(String name) {
    return Hex.decode(Vectors.json("cwt/rfc8392-appendix-a.json").path("examples").path(name).path("hex").asString());
  }

  private static byte[] coseWg(String file) {
    return Hex.decode(Vectors.json(file).path("output").path("cbor").asString());
  }

  private static void expectMalformed(Failures failures, String name, byte[] token, String reason) {
    failures.check(name, () -> {
      try {
        CapabilityToken.decode(token);
        throw new AssertionError("accepted");
      } catch (TokenException e) {
        assertThat(e.rule()).isEqualTo(Rule.MALFORMED);
        assertThat(e.getMessage()).contains(reason);
      }
    });
  }

  @Test
  void decode_rfc8392SignedCwt_refusedForUnprotectedKid() {
    Failures failures = new Failures();
    // A.3: protected {1: -7}, kid "AsymmetricECDSA256" unprotected.
    expectMalformed(failures, "A.3", rfc8392("A.3_signed_cwt"), "exactly {1: alg, 4: kid}");
    // cose-wg A_3: the same token without kid at all.
    expectMalformed(failures, "cose-wg A_3", coseWg("cwt/A_3.json"), "exactly {1: alg, 4: kid}");
    failures.assertNone(2);
  }

  @Test
  void decode_rfc8392MacedAndEncryptedCwts_refusedAsNotTag18() {
    Failures failures = new Failures();
    for (String name : List.of("A.4_maced_cwt", "A.5_encrypted_cwt", "A.6_nested_cwt", "A.7_maced_cwt_float")) {
      expectMalformed(failures, name, rfc8392(name), "");
    }
    failures.assertNone(4);
  }

  @Test
  void decode_coseWgSign1Vectors_allRefused() {
    Failures failures = new Failures();
    for (String name : List.of("sign-pass-01", "sign-pass-02", "sign-pass-03", "sign-fail-01", "sign-fail-02",
        "sign-fail-03", "sign-fail-04", "sign-fail-06", "sign-fail-07")) {
      expectMalformed(failures, name, coseWg("cose/sign1-tests/" + name + ".json"), "");
    }
    for (String name : List.of("ecdsa-examples/ecdsa-sig-01", "eddsa-examples/eddsa-sig-01")) {
      expectMalformed(failures, name, coseWg("cose/" + name + ".json"), "");
    }
    failures.assertNone(11);
  }
}
