package dev.castellan.authority.acl;

/** The rule that denied a request; {@link #rule()} is the stable name for audit records and responses. */
public enum DenyReason {
  /** The subject is malformed or not in the ACL. */
  SUBJECT_UNKNOWN("acl.subject-unknown"),
  /** No scope was requested. */
  SCOPES_EMPTY("request.scopes-empty"),
  /** More than {@link AccessPolicy#MAX_REQUESTED_SCOPES} scopes were requested. */
  SCOPES_TOO_MANY("request.scopes-too-many"),
  /** A requested scope is outside the scope grammar, or listed twice. */
  SCOPE_MALFORMED("request.scope-malformed"),
  /** A requested scope is not in the subject's ACL entry. */
  SCOPE_NOT_ALLOWED("acl.scope-not-allowed"),
  /** The requested lifetime is zero or negative. */
  LIFETIME_INVALID("request.lifetime-invalid"),
  /** A requested scope requires attested evidence and the request has none. */
  EVIDENCE_MISSING("scope.evidence-missing"),
  /** The evidence fails the appraisal policy of a requested scope. */
  EVIDENCE_REJECTED("scope.evidence-rejected");

  private final String rule;

  DenyReason(String rule) {
    this.rule = rule;
  }

  public String rule() {
    return rule;
  }
}
