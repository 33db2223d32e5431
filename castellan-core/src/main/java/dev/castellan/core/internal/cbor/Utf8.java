package dev.castellan.core.internal.cbor;

import dev.castellan.core.cbor.CborException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 (RFC 3629): rejects overlong forms, surrogates, code points above U+10FFFF and
 * truncated sequences, as RFC 8949 §3.1 requires of text strings. The JDK's UTF-8 decoder
 * implements exactly these rules when told to report rather than replace.
 */
final class Utf8 {
  private Utf8() {}

  static String decode(byte[] in, int offset, int length, long itemOffset) throws CborException {
    boolean ascii = true;
    for (int i = offset; i < offset + length; i++) {
      if (in[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(in, offset, length, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(in, offset, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CborException("text string is not valid UTF-8", itemOffset);
    }
  }
}
