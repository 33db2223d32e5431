package dev.castellan.server.auth;

import dev.castellan.server.http.HttpError;
import dev.castellan.server.http.Request;
import java.util.Optional;

/**
 * Who may call an endpoint that signs, releases or appends: every such route asks the
 * authorizer for the scope it needs before it does anything. Failures are the HTTP
 * answers: 401 (no usable credentials), 403 (credentials without the scope), 429 (the
 * credential's rate limit).
 */
public interface Authorizer {
  /** The grant for {@code request} to perform {@code scope} (e.g. {@code sign:bip340}). */
  Grant authorize(Request request, String scope) throws HttpError;

  /**
   * Who was authorized.
   *
   * @param subject the token's subject, or {@code anonymous} without authorization
   * @param tokenId the token's id ({@code cti}), recorded with what it authorized
   */
  record Grant(String subject, Optional<String> tokenId) {}
}
