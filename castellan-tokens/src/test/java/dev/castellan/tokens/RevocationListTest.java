package dev.castellan.tokens;

import static dev.castellan.tokens.KeySetTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.tokens.TrustDocumentException.Problem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Revocation lists: signed by a usable key, queryable, monotonic. */
class RevocationListTest {
  private static final Instant NOW = Fixtures.T0;
  private static final byte[] REVOKED = Fixtures.bytes("revoked", 16);
  private static final byte[] OTHER = Fixtures.bytes("other", 16);

  private static RevocationList list(long version, byte[]... ids) {
    return RevocationList.of(Fixtures.ISSUER, version, NOW, List.of(ids));
  }

  private static RevocationList verify(byte[] document) throws TrustDocumentException {
    return RevocationList.verify(document, KeySetTest.first(), NOW, KeySetTest.SKEW, KeySetTest.OVERLAP);
  }

  @Test
  void verify_signedByActiveKey_isRevokedAnswers() throws Exception {
    RevocationList list = verify(list(3, OTHER, REVOKED, REVOKED).sign(KeySetTest.OLD));
    assertThat(list.version()).isEqualTo(3);
    assertThat(list.size()).isEqualTo(2);
    assertThat(list.isRevoked(REVOKED)).isTrue();
    assertThat(list.isRevoked(OTHER)).isTrue();
    assertThat(list.isRevoked(Fixtures.bytes("fresh", 16))).isFalse();
  }

  @Test
  void verify_signedByKeyOutsideTheSet_throwsSignerNotValid() throws Exception {
    byte[] document = list(1, REVOKED).sign(TestAuthority.ed25519(9));
    assertProblem(() -> verify(document), Problem.SIGNER_NOT_VALID);
  }

  @Test
  void verifyUpdate_olderOrSameVersion_throwsNotNewer() throws Exception {
    RevocationList current = verify(list(5, REVOKED).sign(KeySetTest.OLD));
    byte[] older = list(4).sign(KeySetTest.OLD);
    byte[] same = list(5).sign(KeySetTest.OLD);
    assertProblem(() -> current.verifyUpdate(older, KeySetTest.first(), NOW, KeySetTest.SKEW, KeySetTest.OVERLAP), Problem.VERSION_NOT_NEWER);
    assertProblem(() -> current.verifyUpdate(same, KeySetTest.first(), NOW, KeySetTest.SKEW, KeySetTest.OVERLAP), Problem.VERSION_NOT_NEWER);
    assertThat(current.verifyUpdate(list(6).sign(KeySetTest.OLD), KeySetTest.first(), NOW, KeySetTest.SKEW, KeySetTest.OVERLAP)
        .isRevoked(REVOKED)).isFalse();
  }

  @Test
  void verify_everyByteFlipped_refused() throws Exception {
    byte[] document = list(2, REVOKED).sign(KeySetTest.OLD);
    for (int i = 0; i < document.length; i++) {
      byte[] mutated = document.clone();
      mutated[i] ^= 0x01;
      assertThatThrownBy(() -> verify(mutated)).as("byte %d", i).isInstanceOf(TrustDocumentException.class);
    }
  }

  @Test
  void of_shortTokenId_throws() {
    assertThatThrownBy(() -> list(1, new byte[4])).isInstanceOf(IllegalArgumentException.class);
  }
}
