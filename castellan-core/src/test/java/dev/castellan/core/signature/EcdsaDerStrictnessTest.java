package dev.castellan.core.signature;

import static dev.castellan.core.bytes.Bytes.concat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way of re-encoding a valid P-256 DER signature must be refused. */
class EcdsaDerStrictnessTest {
  private static final byte[] MESSAGE = "der".getBytes(StandardCharsets.UTF_8);

  private EcdsaVerifier verifier;
  private byte[] r;
  private byte[] s;

  @BeforeEach
  void sign() throws Exception {
    EcdsaPrivateKey key = EcdsaPrivateKey.generate(EcdsaCurve.P_256, new SecureRandom());
    byte[] p1363 = EcdsaSigner.create(key, EcdsaSignatureEncoding.IEEE_P1363).sign(MESSAGE);
    // Unsigned magnitudes without leading zeros; the tests build DER around them by hand.
    r = strip(Arrays.copyOfRange(p1363, 0, 32));
    s = strip(Arrays.copyOfRange(p1363, 32, 64));
    verifier = EcdsaVerifier.create(key.publicKey(), EcdsaSignatureEncoding.DER);
    verifier.verify(sequence(integer(minimal(r)), integer(minimal(s))), MESSAGE); // sanity
  }

  @Test
  void verify_extraLeadingZeroInInteger_throws() {
    rejects(sequence(integer(concat(new byte[] {0}, minimal(r))), integer(minimal(s))));
  }

  @Test
  void verify_negativeInteger_throws() {
    byte[] negative = r.clone();
    negative[0] |= (byte) 0x80; // no sign byte: reads as negative
    rejects(sequence(integer(negative), integer(minimal(s))));
  }

  @Test
  void verify_longFormLength_throws() {
    byte[] content = concat(integer(minimal(r)), integer(minimal(s)));
    rejects(concat(new byte[] {0x30, (byte) 0x81, (byte) content.length}, content));
  }

  @Test
  void verify_indefiniteLength_throws() {
    byte[] content = concat(integer(minimal(r)), integer(minimal(s)));
    rejects(concat(new byte[] {0x30, (byte) 0x80}, content, new byte[] {0, 0}));
  }

  @Test
  void verify_trailingByte_throws() {
    rejects(concat(sequence(integer(minimal(r)), integer(minimal(s))), new byte[] {0}));
  }

  @Test
  void verify_wrongTags_throws() {
    byte[] good = sequence(integer(minimal(r)), integer(minimal(s)));
    byte[] setInsteadOfSequence = good.clone();
    setInsteadOfSequence[0] = 0x31;
    rejects(setInsteadOfSequence);
    byte[] octetsInsteadOfInteger = good.clone();
    octetsInsteadOfInteger[2] = 0x04;
    rejects(octetsInsteadOfInteger);
  }

  @Test
  void verify_swappedOrMissingIntegers_throws() {
    rejects(sequence(integer(minimal(s)), integer(minimal(r))));
    rejects(sequence(integer(minimal(r))));
    rejects(new byte[] {0x30, 0x00});
  }

  private void rejects(byte[] der) {
    assertThatThrownBy(() -> verifier.verify(der, MESSAGE))
        .isInstanceOf(GeneralSecurityException.class);
  }

  private static byte[] strip(byte[] bytes) {
    int i = 0;
    while (i < bytes.length - 1 && bytes[i] == 0) {
      i++;
    }
    return Arrays.copyOfRange(bytes, i, bytes.length);
  }

  /** The minimal DER INTEGER content of an unsigned magnitude. */
  private static byte[] minimal(byte[] magnitude) {
    return (magnitude[0] & 0x80) != 0 ? concat(new byte[] {0}, magnitude) : magnitude;
  }

  private static byte[] integer(byte[] content) {
    return concat(new byte[] {0x02, (byte) content.length}, content);
  }

  private static byte[] sequence(byte[]... parts) {
    byte[] content = concat(parts);
    return concat(new byte[] {0x30, (byte) content.length}, content);
  }
}
