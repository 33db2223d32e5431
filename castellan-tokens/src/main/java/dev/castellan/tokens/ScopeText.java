package dev.castellan.tokens;

import dev.castellan.core.cbor.CborValue;
import dev.castellan.tokens.internal.FieldException;
import dev.castellan.tokens.internal.FieldException.Problem;
import dev.castellan.tokens.internal.StrictMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code scope} claim as RFC 9200 registers it (a text string) holding the seed's list of
 * scopes the OAuth way (RFC 6749 §3.3): scope tokens of {@code NQCHAR} ({@code %x21 / %x23-5B /
 * %x5D-7E}) separated by exactly one space, no duplicates, no leading or trailing space.
 */
final class ScopeText {
  private ScopeText() {}

  static List<String> parse(CborValue value, int maxTokens, int maxTokenLength) throws FieldException {
    String text = StrictMap.text(value, "scope", maxTokens * (maxTokenLength + 1));
    List<String> tokens = List.of(text.split(" ", -1));
    if (tokens.size() > maxTokens) {
      throw new FieldException("scope", Problem.OUT_OF_RANGE, "at most " + maxTokens + " scope tokens");
    }
    Set<String> seen = new HashSet<>();
    for (String token : tokens) {
      if (token.isEmpty() || token.length() > maxTokenLength || !token.chars().allMatch(ScopeText::isNqChar)) {
        throw new FieldException("scope", Problem.OUT_OF_RANGE, "scope tokens are 1.." + maxTokenLength + " NQCHARs, one space apart");
      }
      if (!seen.add(token)) {
        throw new FieldException("scope", Problem.OUT_OF_RANGE, "duplicate scope token");
      }
    }
    return tokens;
  }

  private static boolean isNqChar(int c) {
    return c == 0x21 || (c >= 0x23 && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
  }
}
