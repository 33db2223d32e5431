package dev.castellan.cli.tokens;

import dev.castellan.authority.LocalAuthority;
import dev.castellan.authority.service.AuditEvent;
import dev.castellan.authority.service.AuditSpool;
import dev.castellan.cli.CliException;
import dev.castellan.cli.ErrorKind;
import dev.castellan.keys.Sealer;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit records of the authority's commands ({@code tokens issue | revoke | rotate}): actor
 * {@value #ACTOR}, with the operating-system user in {@code os_user}; appended to the
 * authority's audit log, or queued for the running {@code tokens serve} that holds it
 * ({@link LocalAuthority#audit}). Says which on standard error.
 */
final class AuthorityAudit {
  static final String ACTOR = "cli";

  private AuthorityAudit() {}

  /**
   * Records one decision; {@code metadata} is key, value pairs, never a secret.
   *
   * @throws CliException if the record cannot be written anywhere
   */
  static void record(LocalAuthority authority, Sealer sealer, String action, Optional<String> target, String result,
      PrintWriter err, String... metadata) throws CliException {
    List<String> pairs = new ArrayList<>(List.of(metadata));
    pairs.add("os_user");
    pairs.add(osUser());
    AuditEvent event = AuditEvent.of(ACTOR, action, target, result, pairs.toArray(String[]::new));
    LocalAuthority.Audited where;
    try {
      where = authority.audit(event, sealer);
    } catch (IOException | GeneralSecurityException e) {
      throw new CliException(ErrorKind.OPERATION, "the audit record (" + action + " " + result
          + ") could not be written: " + e.getMessage());
    }
    err.println(where == LocalAuthority.Audited.APPENDED
        ? "audit: " + action + " " + result + " recorded in " + authority.directory().resolve(LocalAuthority.AUDIT_DIRECTORY)
        : "audit: " + action + " " + result + " queued in " + authority.directory().resolve(AuditSpool.DIRECTORY)
            + " for the process holding the audit log (a running 'castellan tokens serve' appends it within a second)");
    err.flush();
  }

  private static String osUser() {
    String name = System.getProperty("user.name", "");
    return name.matches("[A-Za-z0-9._@-]{1,64}") ? name : "unknown";
  }
}
