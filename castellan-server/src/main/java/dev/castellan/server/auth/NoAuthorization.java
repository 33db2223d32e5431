package dev.castellan.server.auth;

import dev.castellan.server.http.Request;
import java.util.Optional;

/**
 * {@code --no-auth}: every request is allowed, for local experiments only, and every allowed
 * request says so at WARNING in the log, so it cannot pass unnoticed.
 */
public final class NoAuthorization implements Authorizer {
  private static final System.Logger LOG = System.getLogger(NoAuthorization.class.getName());
  public static final String SUBJECT = "anonymous";

  @Override
  public Grant authorize(Request request, String scope) {
    LOG.log(System.Logger.Level.WARNING, "UNAUTHENTICATED {0} {1} allowed ({2}) because the oracle runs with --no-auth",
        request.method(), request.path(), scope);
    return new Grant(SUBJECT, Optional.empty());
  }
}
