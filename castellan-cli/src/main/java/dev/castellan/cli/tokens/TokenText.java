package dev.castellan.cli.tokens;

import dev.castellan.cli.CliException;
import dev.castellan.cli.ErrorKind;
import dev.castellan.cli.FileException;
import dev.castellan.cli.InputFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A capability token as people pass it around: unpadded base64url, as an argument, on
 * standard input ({@code -}) or in a file, optionally after {@code Bearer }.
 */
final class TokenText {
  /** A token is a few hundred bytes of base64url. */
  private static final int MAX_TEXT = 16 * 1024;

  private TokenText() {}

  /** The token bytes from {@code text} (or {@code -}), or else from {@code file}. */
  static byte[] bytes(String text, Path file) throws FileException, CliException {
    byte[] raw = file != null ? InputFile.read("token file", file, MAX_TEXT)
        : text.equals("-") ? InputFile.bounded("standard input", System.in, MAX_TEXT)
        : text.getBytes(StandardCharsets.US_ASCII);
    String value = new String(raw, StandardCharsets.US_ASCII).strip();
    if (value.startsWith("Bearer ")) {
      value = value.substring("Bearer ".length()).strip();
    }
    if (value.isEmpty() || value.length() > MAX_TEXT || !value.chars().allMatch(TokenText::base64url)) {
      throw new CliException(ErrorKind.VERIFICATION, "the token is not unpadded base64url (the form castellan up writes)");
    }
    try {
      return Base64.getUrlDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new CliException(ErrorKind.VERIFICATION, "the token is not unpadded base64url (the form castellan up writes)");
    }
  }

  private static boolean base64url(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }
}
