package dev.castellan.log.note;

import java.util.Base64;

/**
 * One signature line of a note: {@code — <name> base64(key ID || signature)}.
 *
 * @param name the key name
 * @param keyId the 32-bit key ID (big-endian on the wire)
 * @param signature the signature bytes after the key ID
 */
public record NoteSignature(String name, int keyId, byte[] signature) {
  public NoteSignature {
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The signature line, including its final newline. */
  public String line() {
    byte[] wire = new byte[4 + signature.length];
    wire[0] = (byte) (keyId >>> 24);
    wire[1] = (byte) (keyId >>> 16);
    wire[2] = (byte) (keyId >>> 8);
    wire[3] = (byte) keyId;
    System.arraycopy(signature, 0, wire, 4, signature.length);
    return "\u2014 " + name + " " + Base64.getEncoder().encodeToString(wire) + "\n";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteSignature s && s.name.equals(name) && s.keyId == keyId
        && java.util.Arrays.equals(s.signature, signature);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + keyId;
  }

  @Override
  public String toString() {
    return "NoteSignature[" + name + "+" + KeyNames.hex(keyId) + "]";
  }
}
