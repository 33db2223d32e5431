package dev.castellan.log.note;

import dev.castellan.core.hash.HashAlgorithm;
import java.nio.charset.StandardCharsets;

/** Key name rules and key IDs shared by signers, verifiers and notes (C2SP signed-note). */
final class KeyNames {
  static final byte TYPE_ED25519 = 0x01;

  private KeyNames() {}

  /** Key names MUST be non-empty and MUST NOT contain Unicode spaces or '+'. */
  static boolean isValid(String name) {
    if (name.isEmpty()) {
      return false;
    }
    return name.codePoints().noneMatch(c -> c == '+' || c < 0x20 || Character.isWhitespace(c) || Character.isSpaceChar(c));
  }

  /** key ID = SHA-256(key name || 0x0A || type || public key)[:4], big-endian. */
  static int keyId(String name, byte type, byte[] publicKey) {
    byte[] digest = HashAlgorithm.SHA_256.hash(
        name.getBytes(StandardCharsets.UTF_8), new byte[] {0x0A, type}, publicKey);
    return ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8) | (digest[3] & 0xff);
  }

  static String hex(int keyId) {
    return String.format(java.util.Locale.ROOT, "%08x", keyId);
  }

  /** Parses exactly eight lowercase hex digits. */
  static int parseHex(String text) throws NoteException {
    if (text.length() != 8 || !text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new NoteException("key ID must be eight lowercase hex digits");
    }
    return Integer.parseUnsignedInt(text, 16);
  }
}
