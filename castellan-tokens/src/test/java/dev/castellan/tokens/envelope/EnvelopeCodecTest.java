package dev.castellan.tokens.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.tokens.envelope.EnvelopeException.Problem;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The envelope codec: every type round-trips; one test per refusal. */
class EnvelopeCodecTest {
  static void assertProblem(ThrowingCallable call, Problem problem) {
    assertThatThrownBy(call).isInstanceOfSatisfying(EnvelopeException.class, e -> assertThat(e.problem()).isEqualTo(problem));
  }

  /** The envelope {@code {"type": type, "body": body}} with {@code body} = the sample's body changed by {@code edit}. */
  static byte[] edited(String type, String field, CborValue value) {
    Envelope sample = Samples.all().stream().filter(e -> e.type().equals(type)).findFirst().orElseThrow();
    CborMap.Builder body = CborMap.builder();
    for (Map.Entry<CborValue, CborValue> e : sample.body().entries()) {
      if (!e.getKey().equals(CborValue.of(field))) {
        body.put(e.getKey(), e.getValue());
      }
    }
    if (value != null) {
      body.put(field, value);
    }
    return Cbor.encode(CborMap.builder().put("type", type).put("body", body.build()).build());
  }

  @Test
  void encodeDecode_everyType_roundTrips() throws Exception {
    for (Envelope envelope : Samples.all()) {
      assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(envelope))).as(envelope.type()).isEqualTo(envelope);
    }
    assertThat(Samples.all()).extracting(Envelope::type).containsExactlyInAnyOrder(
        "entropy_pub", "totp_validate_req", "totp_validate_resp", "token_issue_req", "token_issue_resp", "attestation", "audit_log");
  }

  @Test
  void encode_timestampField_isRfc3339Text() {
    byte[] encoded = EnvelopeCodec.encode(Samples.all().get(5));
    assertThat(Hex.encode(encoded)).contains(Hex.encode("2026-03-01T12:00:00Z".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }

  @Test
  void toString_secretFields_redacted() {
    assertThat(Samples.all().get(1).toString()).doesNotContain("123456").contains("redacted");
  }

  @Test
  void decode_unknownType_throwsUnknownType() {
    byte[] encoded = Cbor.encode(CborMap.builder().put("type", "key_release").put("body", CborMap.builder().build()).build());
    assertProblem(() -> EnvelopeCodec.decode(encoded), Problem.UNKNOWN_TYPE);
  }

  @Test
  void decode_unknownField_throwsUnknownField() {
    assertProblem(() -> EnvelopeCodec.decode(edited("token_issue_req", "priority", CborValue.of(1))), Problem.UNKNOWN_FIELD);
  }

  @Test
  void decode_missingRequiredField_throwsMissingField() {
    assertProblem(() -> EnvelopeCodec.decode(edited("attestation", "signature", null)), Problem.MISSING_FIELD);
  }

  @Test
  void decode_wrongFieldType_throwsWrongType() {
    assertProblem(() -> EnvelopeCodec.decode(edited("token_issue_req", "nonce", CborValue.of("nonce"))), Problem.WRONG_TYPE);
    assertProblem(() -> EnvelopeCodec.decode(edited("token_issue_req", "requested_scope", CborValue.of("a"))), Problem.WRONG_TYPE);
    assertProblem(() -> EnvelopeCodec.decode(edited("token_issue_req", "requested_scope",
        CborValue.array(CborValue.of(new byte[1])))), Problem.WRONG_TYPE);
    assertProblem(() -> EnvelopeCodec.decode(edited("audit_log", "metadata", CborValue.array())), Problem.WRONG_TYPE);
    assertProblem(() -> EnvelopeCodec.decode(edited("audit_log", "target", dev.castellan.core.cbor.CborSimple.NULL)), Problem.WRONG_TYPE);
    assertProblem(() -> EnvelopeCodec.decode(edited("entropy_pub", "timestamp", CborValue.of(1772366400))), Problem.WRONG_TYPE);
  }

  @Test
  void decode_outOfRangeValues_throwsOutOfRange() {
    assertProblem(() -> EnvelopeCodec.decode(edited("token_issue_resp", "result", CborValue.of("maybe"))), Problem.OUT_OF_RANGE);
    assertProblem(() -> EnvelopeCodec.decode(edited("entropy_pub", "entropy_chunk", CborValue.of(new byte[63]))), Problem.OUT_OF_RANGE);
    assertProblem(() -> EnvelopeCodec.decode(edited("entropy_pub", "timestamp", CborValue.of("2026-03-01T12:00:00+00:00"))), Problem.OUT_OF_RANGE);
    assertProblem(() -> EnvelopeCodec.decode(edited("entropy_pub", "timestamp", CborValue.of("2026-02-30T12:00:00Z"))), Problem.OUT_OF_RANGE);
  }

  @Test
  void decode_oversize_throwsOversize() {
    assertProblem(() -> EnvelopeCodec.decode(new byte[EnvelopeCodec.MAX_ENVELOPE_BYTES + 1]), Problem.OVERSIZE);
  }

  @Test
  void decode_malformed_throwsMalformed() {
    assertProblem(() -> EnvelopeCodec.decode(Hex.decode("a2")), Problem.MALFORMED);
    assertProblem(() -> EnvelopeCodec.decode(Cbor.encode(CborValue.array())), Problem.MALFORMED);
    byte[] extraKey = Cbor.encode(CborMap.builder().put("type", "audit_log").put("body", CborMap.builder().build())
        .put("version", 1).build());
    assertProblem(() -> EnvelopeCodec.decode(extraKey), Problem.MALFORMED);
    // Map keys out of deterministic order: {"type": ..., "body": ...} ("body" sorts first).
    byte[] unsorted = Hex.decode("a264747970656961756469745f6c6f6764626f6479a0");
    assertProblem(() -> EnvelopeCodec.decode(unsorted), Problem.MALFORMED);
  }

  @Test
  void encode_unsignedSignedType_throws() {
    Attestation unsigned = Attestation.attest("vm", Samples.bytes(32, 1), "a", Samples.bytes(8, 1), Samples.T, Samples.T.plusSeconds(1));
    assertThatThrownBy(() -> EnvelopeCodec.encode(unsigned)).isInstanceOf(IllegalArgumentException.class);
    try {
      assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(unsigned.withSignature(Samples.bytes(1, 1))))).isNotNull();
    } catch (EnvelopeException e) {
      throw new AssertionError(e);
    }
  }

}
