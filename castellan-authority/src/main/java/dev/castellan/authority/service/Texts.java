package dev.castellan.authority.service;

import dev.castellan.authority.acl.Acl;
import dev.castellan.authority.acl.Scope;
import java.util.List;

/** What of a request's text may go into an audit record: ids and scopes in their grammar, else a placeholder. */
final class Texts {
  static final String INVALID = "invalid";

  private Texts() {}

  /** {@code id} if it is in the id grammar, else {@value #INVALID}. */
  static String id(String id) {
    return Acl.validSubject(id) ? id : INVALID;
  }

  /** The scopes joined by commas if every one is in the scope grammar, else {@value #INVALID}. */
  static String scopes(List<String> scopes) {
    if (scopes.isEmpty() || scopes.size() > 15 || !scopes.stream().allMatch(Scope::valid)) {
      return INVALID;
    }
    return String.join(",", scopes);
  }

  /** The rule of an {@code IssueDeniedException} message ({@code rule: detail}). */
  static String rule(String message) {
    int colon = message.indexOf(':');
    return colon > 0 ? message.substring(0, colon) : message;
  }
}
