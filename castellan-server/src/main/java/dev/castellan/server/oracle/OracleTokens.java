package dev.castellan.server.oracle;

import dev.castellan.authority.LocalAuthority;
import dev.castellan.server.auth.ServiceTokens;

/**
 * The oracle's capability tokens (docs/http-api.md, "Authorization"): {@link ServiceTokens} with
 * audience {@value #AUDIENCE}, the operator's bootstrap token holding {@link
 * LocalAuthority#OPERATOR_SCOPES}, audited as actor {@value #AUDIT_ACTOR}.
 */
final class OracleTokens {
  static final String AUDIENCE = "castellan-oracle";
  static final String ISSUER = "castellan.local/authority";
  /** The actor of the audit records of the operator tokens the oracle issues. */
  static final String AUDIT_ACTOR = "oracle";
  static final ServiceTokens.Profile PROFILE =
      new ServiceTokens.Profile(AUDIENCE, ISSUER, LocalAuthority.OPERATOR_SCOPES, AUDIT_ACTOR);

  private OracleTokens() {}
}
