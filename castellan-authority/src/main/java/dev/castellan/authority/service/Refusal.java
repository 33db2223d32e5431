package dev.castellan.authority.service;

/**
 * A frame the service will not answer: it records {@code action}/{@code rule} in the audit
 * sink and closes the connection (the schema has no error envelope). The rule is a fixed
 * name, never text from the frame.
 */
final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;
  final String action;
  final String rule;

  Refusal(String action, String rule) {
    super(action + ": " + rule, null, false, false);
    this.action = action;
    this.rule = rule;
  }
}
