package dev.castellan.tokens.envelope;

import static dev.castellan.tokens.envelope.EnvelopeCodecTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.cose.CoseSign1;
import dev.castellan.tokens.KeySet;
import dev.castellan.tokens.SigningKey;
import dev.castellan.tokens.TestAuthority;
import dev.castellan.tokens.envelope.EnvelopeException.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Body signatures: COSE_Sign1 over {type, body without signature}, checked against the key set. */
class EnvelopeSignaturesTest {
  private static final SigningKey CRYPTOD = TestAuthority.p256(3);
  private static final KeySet KEYS = KeySet.of("cryptod", 1, Samples.T.minusSeconds(3600), CRYPTOD.keyId(),
      List.of(new KeySet.Entry(CRYPTOD.publicKey(), Samples.T.minusSeconds(3600), Optional.empty())));
  private static final Instant NOW = Samples.T.plusSeconds(5);
  private static final Duration SKEW = Duration.ofSeconds(30);
  private static final Duration OVERLAP = Duration.ofMinutes(10);

  private static SignedEnvelope signedAttestation() throws Exception {
    return EnvelopeSignatures.sign(
        Attestation.attest("vm-7", Samples.bytes(32, 1), "luks:unlock", Samples.bytes(16, 2), Samples.T, Samples.T.plusSeconds(300)),
        CRYPTOD);
  }

  @Test
  void signVerify_everySignedType_verifiesAfterRoundTrip() throws Exception {
    for (Envelope sample : Samples.all()) {
      if (sample instanceof SignedEnvelope signed) {
        SignedEnvelope withSignature = EnvelopeSignatures.sign(signed, CRYPTOD);
        SignedEnvelope decoded = (SignedEnvelope) EnvelopeCodec.decode(EnvelopeCodec.encode(withSignature));
        EnvelopeSignatures.verify(decoded, KEYS, NOW, SKEW, OVERLAP);
      }
    }
  }

  @Test
  void signedBytes_areTypeAndBodyWithoutSignature() throws Exception {
    SignedEnvelope attestation = signedAttestation();
    CborMap signed = Cbor.decode(EnvelopeCodec.signedBytes(attestation)).asMap();
    assertThat(signed.get("type")).isEqualTo(CborValue.of("attestation"));
    assertThat(signed.get("body").asMap().containsKey(CborValue.of("signature"))).isFalse();
    CoseSign1 signature = CoseSign1.decode(attestation.signatureField().orElseThrow().toByteArray());
    assertThat(signature.isDetached()).isTrue();
    signature.verifyDetached(CRYPTOD.publicKey().verifier(), CRYPTOD.algorithm(), new byte[0], EnvelopeCodec.signedBytes(attestation));
  }

  @Test
  void verify_tamperedField_throwsSignature() throws Exception {
    Attestation signed = (Attestation) signedAttestation();
    Attestation tampered = new Attestation(signed.subjectVm(), signed.subjectPublicKey(), "net:modify", signed.nonce(),
        signed.issuedAt(), signed.expiresAt(), signed.signature());
    assertProblem(() -> EnvelopeSignatures.verify(tampered, KEYS, NOW, SKEW, OVERLAP), Problem.SIGNATURE);
  }

  @Test
  void verify_signatureMovedToAnotherType_throwsSignature() throws Exception {
    TokenIssueResponse response = (TokenIssueResponse) EnvelopeSignatures.sign(
        new TokenIssueResponse("r", TokenIssueResponse.Result.DENIED, Optional.empty(), Optional.empty(), SignedEnvelope.UNSIGNED), CRYPTOD);
    TotpValidateResponse other = new TotpValidateResponse("r", TotpValidateResponse.Result.FAIL, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), response.signature());
    assertProblem(() -> EnvelopeSignatures.verify(other, KEYS, NOW, SKEW, OVERLAP), Problem.SIGNATURE);
  }

  @Test
  void verify_signerNotInKeySet_throwsSignature() throws Exception {
    SignedEnvelope signed = EnvelopeSignatures.sign(Attestation.attest("vm", Samples.bytes(32, 1), "a", Samples.bytes(8, 1),
        Samples.T, Samples.T.plusSeconds(9)), TestAuthority.ed25519(4));
    assertProblem(() -> EnvelopeSignatures.verify(signed, KEYS, NOW, SKEW, OVERLAP), Problem.SIGNATURE);
  }

  @Test
  void verify_unsignedEntropy_throwsSignature_pinnedKeyVerifiesSigned() throws Exception {
    EntropyPublication unsigned = (EntropyPublication) Samples.all().get(0);
    SigningKey entropyd = TestAuthority.ed25519(5);
    assertProblem(() -> EnvelopeSignatures.verify(unsigned, entropyd.publicKey()), Problem.SIGNATURE);
    SignedEnvelope signed = EnvelopeSignatures.sign(unsigned, entropyd);
    EnvelopeSignatures.verify((SignedEnvelope) EnvelopeCodec.decode(EnvelopeCodec.encode(signed)), entropyd.publicKey());
    assertProblem(() -> EnvelopeSignatures.verify(signed, TestAuthority.ed25519(6).publicKey()), Problem.SIGNATURE);
  }

  @Test
  void signer_namesTheSigningKey_unsignedThrowsSignature() throws Exception {
    EntropyPublication unsigned = (EntropyPublication) Samples.all().get(0);
    assertProblem(() -> EnvelopeSignatures.signer(unsigned), Problem.SIGNATURE);
    SigningKey entropyd = TestAuthority.ed25519(5);
    assertThat(EnvelopeSignatures.signer(EnvelopeSignatures.sign(unsigned, entropyd))).isEqualTo(entropyd.keyId());
    assertProblem(() -> EnvelopeSignatures.signer(unsigned.withSignature(Samples.bytes(40, 7))), Problem.SIGNATURE);
  }

  @Test
  void statement_equalsTokenAttestationClaim() throws Exception {
    Attestation attestation = (Attestation) signedAttestation();
    assertThat(attestation.statement().toCbor()).isEqualTo(attestation.unsignedBody());
  }
}
