package dev.castellan.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.tokens.TokenException.Rule;
import dev.castellan.tokens.TrustDocumentException.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Key sets: the trust anchor, rotation signed by outgoing and new key, validity and overlap. */
class KeySetTest {
  static final SigningKey OLD = TestAuthority.p256(1);
  static final SigningKey NEW = TestAuthority.ed25519(2);
  static final Instant T0 = Fixtures.T0.minusSeconds(3600);
  static final Instant ROTATION = Fixtures.T0;
  static final Duration SKEW = Duration.ofSeconds(30);
  static final Duration OVERLAP = Duration.ofMinutes(10);

  /** Version 1: OLD active since T0. */
  static KeySet first() {
    return KeySet.of(Fixtures.ISSUER, 1, T0, OLD.keyId(), List.of(new KeySet.Entry(OLD.publicKey(), T0, Optional.empty())));
  }

  /** Version 2: NEW active from ROTATION; OLD kept until ROTATION + 1 h (the verifier's overlap bounds it further). */
  static KeySet rotated() {
    return KeySet.of(Fixtures.ISSUER, 2, ROTATION, NEW.keyId(), List.of(
        new KeySet.Entry(NEW.publicKey(), ROTATION, Optional.empty()),
        new KeySet.Entry(OLD.publicKey(), T0, Optional.of(ROTATION.plusSeconds(3600)))));
  }

  static void assertProblem(ThrowingCallable call, Problem problem) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(TrustDocumentException.class, e -> assertThat(e.problem()).isEqualTo(problem));
  }

  static void assertRule(ThrowingCallable call, Rule rule) {
    assertThatThrownBy(call).isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.rule()).isEqualTo(rule));
  }

  @Test
  void verifyTrustAnchor_selfSignedByPinnedKey_returnsSet() throws Exception {
    KeySet set = KeySetDocument.verifyTrustAnchor(KeySetDocument.sign(first(), List.of(OLD)), OLD.keyId());
    assertThat(set.version()).isEqualTo(1);
    assertThat(set.activeEntry().key()).isEqualTo(OLD.publicKey());
  }

  @Test
  void verifyTrustAnchor_otherPin_throwsSignerNotValid() throws Exception {
    byte[] document = KeySetDocument.sign(first(), List.of(OLD));
    assertProblem(() -> KeySetDocument.verifyTrustAnchor(document, NEW.keyId()), Problem.SIGNER_NOT_VALID);
  }

  @Test
  void verifySelfSigned_acceptsOnlyWhatItsActiveKeySigned() throws Exception {
    assertThat(KeySetDocument.verifySelfSigned(KeySetDocument.sign(first(), List.of(OLD))).activeKeyId())
        .isEqualTo(OLD.keyId());
    byte[] notByActive = KeySetDocument.sign(rotated(), List.of(OLD));
    assertProblem(() -> KeySetDocument.verifySelfSigned(notByActive), Problem.MISSING_NEW_KEY_SIGNATURE);
    byte[] flipped = KeySetDocument.sign(first(), List.of(OLD));
    flipped[flipped.length - 1] ^= 1;
    assertProblem(() -> KeySetDocument.verifySelfSigned(flipped), Problem.SIGNATURE);
  }

  @Test
  void verifyUpdate_rotationSignedByOutgoingAndNew_accepted() throws Exception {
    KeySet next = KeySetDocument.verifyUpdate(first(), KeySetDocument.sign(rotated(), List.of(OLD, NEW)));
    assertThat(next.version()).isEqualTo(2);
    assertThat(next.activeKeyId()).isEqualTo(NEW.keyId());
  }

  @Test
  void verifyUpdate_onlyNewKeySigned_throwsMissingOutgoing() throws Exception {
    byte[] document = KeySetDocument.sign(rotated(), List.of(NEW));
    assertProblem(() -> KeySetDocument.verifyUpdate(first(), document), Problem.MISSING_OUTGOING_SIGNATURE);
  }

  @Test
  void verifyUpdate_onlyOutgoingKeySigned_throwsMissingNewKey() throws Exception {
    byte[] document = KeySetDocument.sign(rotated(), List.of(OLD));
    assertProblem(() -> KeySetDocument.verifyUpdate(first(), document), Problem.MISSING_NEW_KEY_SIGNATURE);
  }

  @Test
  void verifyUpdate_olderOrSameVersion_throwsNotNewer() throws Exception {
    byte[] same = KeySetDocument.sign(first(), List.of(OLD));
    assertProblem(() -> KeySetDocument.verifyUpdate(first(), same), Problem.VERSION_NOT_NEWER);
    KeySet two = KeySetDocument.verifyUpdate(first(), KeySetDocument.sign(rotated(), List.of(OLD, NEW)));
    assertProblem(() -> KeySetDocument.verifyUpdate(two, same), Problem.VERSION_NOT_NEWER);
  }

  @Test
  void verifyUpdate_signerInNeitherSet_throwsUnknownSigner() throws Exception {
    byte[] document = KeySetDocument.sign(rotated(), List.of(OLD, NEW, TestAuthority.ed25519(7)));
    assertProblem(() -> KeySetDocument.verifyUpdate(first(), document), Problem.UNKNOWN_SIGNER);
  }

  @Test
  void verifyUpdate_otherIssuer_throwsIssuerMismatch() throws Exception {
    KeySet other = KeySet.of("elsewhere", 2, ROTATION, OLD.keyId(), List.of(new KeySet.Entry(OLD.publicKey(), T0, Optional.empty())));
    byte[] document = KeySetDocument.sign(other, List.of(OLD));
    assertProblem(() -> KeySetDocument.verifyUpdate(first(), document), Problem.ISSUER_MISMATCH);
  }

  @Test
  void verifyUpdate_everyByteFlipped_refused() throws Exception {
    byte[] document = KeySetDocument.sign(rotated(), List.of(OLD, NEW));
    for (int i = 0; i < document.length; i++) {
      byte[] mutated = document.clone();
      mutated[i] ^= 0x01;
      int at = i;
      assertThatThrownBy(() -> KeySetDocument.verifyUpdate(first(), mutated))
          .as("byte %d", at).isInstanceOf(TrustDocumentException.class);
    }
  }

  @Test
  void of_previousKeyWithoutNotAfter_throws() {
    assertThatThrownBy(() -> KeySet.of(Fixtures.ISSUER, 2, ROTATION, NEW.keyId(), List.of(
        new KeySet.Entry(NEW.publicKey(), ROTATION, Optional.empty()),
        new KeySet.Entry(OLD.publicKey(), T0, Optional.empty())))).hasMessageContaining("not_after");
  }

  @Test
  void usableKey_previousKeyInsideOverlap_returnsKey() throws Exception {
    Instant now = ROTATION.plus(OVERLAP).minusSeconds(1);
    assertThat(rotated().usableKey(OLD.keyId(), now.minusSeconds(5), now, SKEW, OVERLAP)).isEqualTo(OLD.publicKey());
  }

  @Test
  void usableKey_previousKeyOutsideOverlap_throwsKeyNotValid() {
    Instant now = ROTATION.plus(OVERLAP);
    assertRule(() -> rotated().usableKey(OLD.keyId(), now.minusSeconds(5), now, SKEW, OVERLAP), Rule.KEY_NOT_VALID);
  }

  @Test
  void usableKey_activeKeyBeforeNotBefore_throwsKeyNotValid() {
    Instant now = ROTATION.minus(SKEW).minusSeconds(1);
    assertRule(() -> rotated().usableKey(NEW.keyId(), now, now, SKEW, OVERLAP), Rule.KEY_NOT_VALID);
  }

  @Test
  void usableKey_unknownKid_throwsUnknownKeyId() {
    assertRule(() -> first().usableKey(NEW.keyId(), ROTATION, ROTATION, SKEW, OVERLAP), Rule.UNKNOWN_KEY_ID);
  }
}
