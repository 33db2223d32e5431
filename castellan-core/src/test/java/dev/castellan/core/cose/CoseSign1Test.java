package dev.castellan.core.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborTag;
import dev.castellan.core.cbor.CborValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Round trips and the header, structure and algorithm rules of {@link CoseSign1}. */
class CoseSign1Test {
  private static final byte[] PAYLOAD = "This is the content.".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NO_AAD = new byte[0];
  private static final byte[] AAD = {1, 2, 3};

  private static final TestKeys.Pair P256 = key("secp256r1", "SHA256withECDSAinP1363Format");
  private static final TestKeys.Pair P384 = key("secp384r1", "SHA384withECDSAinP1363Format");
  private static final TestKeys.Pair ED25519 = TestKeys.ed25519(new byte[32]);

  private static TestKeys.Pair key(String curve, String signature) {
    try {
      return TestKeys.freshEc(curve, signature);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sign(TestKeys.Pair key, CoseAlgorithm algorithm, byte[] aad) throws CoseException {
    return CoseSign1.sign(key.signer(), algorithm, CoseHeaders.empty(), CoseHeaders.empty(), PAYLOAD, aad, true);
  }

  /** A COSE_Sign1 array assembled by hand, to test decoding rules the signer never breaks. */
  private static byte[] message(CborValue protectedBucket, CborValue unprotected) {
    return Cbor.encode(
        new CborTag(18, CborValue.array(protectedBucket, unprotected, CborValue.of(PAYLOAD), CborValue.of(new byte[64]))));
  }

  private static CborValue protectedOf(CborMap map) {
    return CborValue.of(Cbor.encode(map));
  }

  @Test
  void signThenVerify_eachAlgorithm_succeedsAndKeepsPayload() throws Exception {
    for (var entry :
        java.util.Map.of(CoseAlgorithm.ES256, P256, CoseAlgorithm.ES384, P384, CoseAlgorithm.EDDSA, ED25519).entrySet()) {
      CoseSign1 message = CoseSign1.decode(sign(entry.getValue(), entry.getKey(), AAD));
      message.verify(entry.getValue().verifier(), entry.getKey(), AAD);
      assertThat(message.payload()).hasValueSatisfying(p -> assertThat(p).isEqualTo(PAYLOAD));
      assertThat(message.protectedHeaders().algorithm()).contains(entry.getKey());
      assertThat(message.signature()).hasSize(entry.getKey().signatureLength());
    }
  }

  @Test
  void sign_es384_matchesNitroLayout() throws Exception {
    byte[] encoded =
        CoseSign1.sign(P384.signer(), CoseAlgorithm.ES384, CoseHeaders.empty(), CoseHeaders.empty(), PAYLOAD, NO_AAD, false);
    assertThat(Hex.encode(encoded)).startsWith("8444a1013822a0");
  }

  @Test
  void verify_wrongExternalAad_throws() throws Exception {
    CoseSign1 message = CoseSign1.decode(sign(P256, CoseAlgorithm.ES256, AAD));
    assertThatThrownBy(() -> message.verify(P256.verifier(), CoseAlgorithm.ES256, NO_AAD))
        .isInstanceOf(CoseException.class)
        .hasMessage("signature verification failed");
  }

  @Test
  void verify_otherKey_throws() throws Exception {
    CoseSign1 message = CoseSign1.decode(sign(P256, CoseAlgorithm.ES256, NO_AAD));
    TestKeys.Pair other = key("secp256r1", "SHA256withECDSAinP1363Format");
    assertThatThrownBy(() -> message.verify(other.verifier(), CoseAlgorithm.ES256, NO_AAD))
        .isInstanceOf(CoseException.class);
  }

  @Test
  void verify_expectedAlgorithmDiffers_throwsBeforeVerifying() throws Exception {
    CoseSign1 message = CoseSign1.decode(sign(ED25519, CoseAlgorithm.EDDSA, NO_AAD));
    assertThatThrownBy(
            () -> message.verify((s, d) -> { throw new AssertionError("must not be called"); }, CoseAlgorithm.ES256, NO_AAD))
        .isInstanceOf(CoseException.class)
        .hasMessage("algorithm mismatch: message uses EDDSA, key expects ES256");
  }

  @Test
  void verify_verifierThrowsRuntimeException_wrappedInCoseException() throws Exception {
    CoseSign1 message = CoseSign1.decode(sign(P256, CoseAlgorithm.ES256, NO_AAD));
    assertThatThrownBy(
            () -> message.verify((s, d) -> { throw new IllegalStateException("boom"); }, CoseAlgorithm.ES256, NO_AAD))
        .isInstanceOf(CoseException.class);
  }

  @Test
  void detached_signAndVerifyWithSuppliedPayload() throws Exception {
    byte[] encoded =
        CoseSign1.signDetached(ED25519.signer(), CoseAlgorithm.EDDSA, CoseHeaders.empty(), CoseHeaders.empty(), PAYLOAD, AAD, true);
    CoseSign1 message = CoseSign1.decode(encoded);
    assertThat(message.isDetached()).isTrue();
    assertThat(message.payload()).isEmpty();
    assertThat(Hex.encode(encoded)).contains("f65840"); // nil, then the 64-byte signature
    message.verifyDetached(ED25519.verifier(), CoseAlgorithm.EDDSA, AAD, PAYLOAD);
    assertThatThrownBy(() -> message.verify(ED25519.verifier(), CoseAlgorithm.EDDSA, AAD))
        .isInstanceOf(CoseException.class)
        .hasMessageContaining("detached");
    assertThatThrownBy(() -> message.verifyDetached(ED25519.verifier(), CoseAlgorithm.EDDSA, AAD, new byte[] {1}))
        .isInstanceOf(CoseException.class);
  }

  @Test
  void verifyDetached_attachedMessage_throws() throws Exception {
    CoseSign1 message = CoseSign1.decode(sign(ED25519, CoseAlgorithm.EDDSA, NO_AAD));
    assertThatThrownBy(() -> message.verifyDetached(ED25519.verifier(), CoseAlgorithm.EDDSA, NO_AAD, PAYLOAD))
        .isInstanceOf(CoseException.class);
  }

  @Test
  void sign_untagged_startsWithArray() throws Exception {
    byte[] encoded = CoseSign1.sign(P256.signer(), CoseAlgorithm.ES256, CoseHeaders.empty(), CoseHeaders.empty(), PAYLOAD, NO_AAD, false);
    assertThat(encoded[0]).isEqualTo((byte) 0x84);
    CoseSign1 message = CoseSign1.decode(encoded);
    assertThat(message.isTagged()).isFalse();
    assertThat(message.encode()).isEqualTo(encoded);
  }

  @Test
  void sign_signerReturnsDer_throws() {
    assertThatThrownBy(
            () -> CoseSign1.sign(data -> new byte[72], CoseAlgorithm.ES256, CoseHeaders.empty(), CoseHeaders.empty(), PAYLOAD, NO_AAD, true))
        .isInstanceOf(CoseException.class)
        .hasMessageContaining("not DER");
  }

  @Test
  void sign_algorithmInUnprotected_throws() throws Exception {
    CoseHeaders unprotected = CoseHeaders.builder().algorithm(CoseAlgorithm.ES256).build();
    assertThatThrownBy(() -> CoseSign1.sign(P256.signer(), CoseAlgorithm.ES256, CoseHeaders.empty(), unprotected, PAYLOAD, NO_AAD, true))
        .isInstanceOf(CoseException.class);
  }

  @Test
  void sign_protectedAlgorithmDiffers_throws() throws Exception {
    CoseHeaders protectedHeaders = CoseHeaders.builder().algorithm(CoseAlgorithm.ES384).build();
    assertThatThrownBy(() -> CoseSign1.sign(P256.signer(), CoseAlgorithm.ES256, protectedHeaders, CoseHeaders.empty(), PAYLOAD, NO_AAD, true))
        .isInstanceOf(CoseException.class);
  }

  @Test
  void sign_labelInBothBuckets_throws() throws Exception {
    CoseHeaders kid = CoseHeaders.builder().keyId(new byte[] {1}).build();
    assertThatThrownBy(() -> CoseSign1.sign(P256.signer(), CoseAlgorithm.ES256, kid, kid, PAYLOAD, NO_AAD, true))
        .isInstanceOf(CoseException.class)
        .hasMessageContaining("both buckets");
  }

  @Test
  void signThenVerify_criticalKidAndCustomHeaders_roundTrip() throws Exception {
    CoseHeaders protectedHeaders =
        CoseHeaders.builder().keyId(new byte[] {7}).critical(CborValue.of(4)).contentType("application/cwt").put("x", CborValue.of(1)).build();
    CoseHeaders unprotected = CoseHeaders.builder().put(-70000, CborValue.of("opaque")).build();
    CoseSign1 message =
        CoseSign1.decode(CoseSign1.sign(P256.signer(), CoseAlgorithm.ES256, protectedHeaders, unprotected, PAYLOAD, NO_AAD, true));
    message.verify(P256.verifier(), CoseAlgorithm.ES256, NO_AAD);
    assertThat(message.protectedHeaders().keyId()).hasValueSatisfying(k -> assertThat(k).containsExactly(7));
    assertThat(message.protectedHeaders().critical()).containsExactly(CborValue.of(4));
    assertThat(message.protectedHeaders().contentType()).contains(CborValue.of("application/cwt"));
    assertThat(message.protectedHeaders().get("x")).contains(CborValue.of(1));
    assertThat(message.unprotectedHeaders().get(-70000)).contains(CborValue.of("opaque"));
  }

  @Test
  void decode_labelInBothBuckets_throws() {
    byte[] encoded = message(protectedOf(CborMap.builder().put(1, CborValue.of(-7)).build()), CborMap.builder().put(1, CborValue.of(-7)).build());
    assertThatThrownBy(() -> CoseSign1.decode(encoded)).isInstanceOf(CoseException.class).hasMessageContaining("both buckets");
  }

  @Test
  void decode_unknownCriticalLabel_throws() {
    CborMap headers = CborMap.builder().put(1, CborValue.of(-7)).put(2, CborValue.array(CborValue.of(99))).put(99, CborValue.of(0)).build();
    assertThatThrownBy(() -> CoseSign1.decode(message(protectedOf(headers), CborMap.builder().build())))
        .isInstanceOf(CoseException.class)
        .hasMessageContaining("not understood");
  }

  @Test
  void decode_criticalLabelAbsent_throws() {
    CborMap headers = CborMap.builder().put(1, CborValue.of(-7)).put(2, CborValue.array(CborValue.of(4))).build();
    assertThatThrownBy(() -> CoseSign1.decode(message(protectedOf(headers), CborMap.builder().build())))
        .isInstanceOf(CoseException.class)
        .hasMessageContaining("absent");
  }

  @Test
  void decode_criticalUnprotected_throws() {
    CborMap unprotected = CborMap.builder().put(2, CborValue.array(CborValue.of(1))).build();
    CborMap headers = CborMap.builder().put(1, CborValue.of(-7)).build();
    assertThatThrownBy(() -> CoseSign1.decode(message(protectedOf(headers), unprotected))).isInstanceOf(CoseException.class);
  }

  @Test
  void decode_emptyCriticalOrWrongKidType_throws() {
    CborMap emptyCrit = CborMap.builder().put(1, CborValue.of(-7)).put(2, CborValue.array()).build();
    CborMap textKid = CborMap.builder().put(1, CborValue.of(-7)).put(4, CborValue.of("11")).build();
    assertThatThrownBy(() -> CoseSign1.decode(message(protectedOf(emptyCrit), CborMap.builder().build()))).isInstanceOf(CoseException.class);
    assertThatThrownBy(() -> CoseSign1.decode(message(protectedOf(textKid), CborMap.builder().build()))).isInstanceOf(CoseException.class);
  }

  @Test
  void decode_protectedNotAMap_throws() {
    assertThatThrownBy(() -> CoseSign1.decode(message(CborValue.of(Cbor.encode(CborValue.of(1))), CborMap.builder().build())))
        .isInstanceOf(CoseException.class);
  }

  @Test
  void decode_structuralErrors_throw() {
    byte[] truncated = Hex.decode("d28443a10126a0");
    assertThatThrownBy(() -> CoseSign1.decode(truncated)).isInstanceOf(CoseException.class);
    assertThatThrownBy(() -> CoseSign1.decode(Cbor.encode(CborValue.array(CborValue.of(new byte[0]), CborMap.builder().build(), CborValue.of(PAYLOAD)))))
        .isInstanceOf(CoseException.class)
        .hasMessageContaining("4 items");
    byte[] doubleTag = Cbor.encode(new CborTag(18, new CborTag(18, CborValue.array())));
    assertThatThrownBy(() -> CoseSign1.decode(doubleTag)).isInstanceOf(CoseException.class);
    assertThatThrownBy(() -> CoseSign1.decode(new byte[CoseSign1.MAX_ENCODED_BYTES + 1]))
        .isInstanceOf(CoseException.class)
        .hasMessageContaining("larger than");
  }

  @Test
  void decode_trailingBytes_throws() throws Exception {
    byte[] encoded = sign(P256, CoseAlgorithm.ES256, NO_AAD);
    byte[] longer = java.util.Arrays.copyOf(encoded, encoded.length + 1);
    assertThatThrownBy(() -> CoseSign1.decode(longer)).isInstanceOf(CoseException.class);
  }

  @Test
  void verify_missingAlgorithm_throws() {
    byte[] encoded = message(CborValue.of(new byte[0]), CborMap.builder().build());
    assertThatThrownBy(() -> CoseSign1.decode(encoded).verify(P256.verifier(), CoseAlgorithm.ES256, NO_AAD))
        .isInstanceOf(CoseException.class)
        .hasMessage("missing algorithm header");
  }

  @Test
  void verify_nonDeterministicEncodingFromElsewhere_accepted() throws Exception {
    // Our message with the payload length written in two bytes (0x58 0x14) instead of one.
    byte[] encoded = sign(P256, CoseAlgorithm.ES256, NO_AAD);
    String hex = Hex.encode(encoded);
    String payloadHead = "54" + Hex.encode(PAYLOAD);
    assertThat(hex).contains(payloadHead);
    byte[] loose = Hex.decode(hex.replace(payloadHead, "5814" + Hex.encode(PAYLOAD)));
    CoseSign1.decode(loose).verify(P256.verifier(), CoseAlgorithm.ES256, NO_AAD);
  }

  @Test
  void algorithm_fromUnsupportedId_throws() {
    assertThatThrownBy(() -> CoseAlgorithm.fromId(-36)).isInstanceOf(CoseException.class).hasMessage("unsupported algorithm -36");
    assertThatThrownBy(() -> CoseAlgorithm.fromId(-47)).isInstanceOf(CoseException.class);
  }
}
