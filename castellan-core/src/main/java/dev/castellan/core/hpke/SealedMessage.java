package dev.castellan.core.hpke;

import java.util.Arrays;

/**
 * The output of single-shot {@link Hpke#seal}: the encapsulated key and the ciphertext. Both travel
 * to the recipient; neither is secret. The arrays are copied in and out.
 */
public record SealedMessage(byte[] enc, byte[] ciphertext) {
  public SealedMessage {
    enc = enc.clone();
    ciphertext = ciphertext.clone();
  }

  @Override
  public byte[] enc() {
    return enc.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealedMessage other
        && Arrays.equals(enc, other.enc)
        && Arrays.equals(ciphertext, other.ciphertext);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(enc) + Arrays.hashCode(ciphertext);
  }

  @Override
  public String toString() {
    return "SealedMessage[enc "
        + enc.length
        + " octets, ciphertext "
        + ciphertext.length
        + " octets]";
  }
}
