package dev.castellan.server.oracle;

import dev.castellan.server.auth.RevocationFeed;
import dev.castellan.server.auth.ServiceTokens;
import dev.castellan.server.http.HttpError;
import dev.castellan.server.http.Request;
import dev.castellan.server.http.Response;
import dev.castellan.server.http.Route;
import dev.castellan.tokens.KeySetDocument;
import dev.castellan.tokens.RevocationList;
import java.time.Duration;
import java.util.List;

/**
 * The token authority's public documents, for relying parties that verify the oracle's
 * capability tokens themselves (docs/http-api.md, "Token authority documents"): the signed
 * key set, and the signed revocation list, also as a long poll. Public like {@code /v1/info}:
 * both documents are signed by the authority and hold no secret (key ids, public keys, token
 * ids). A reader MUST verify them against a key set it pinned; the HTTP response signatures
 * come on top.
 */
final class TokensApi {
  static final String KEY_SET_PATH = "/v1/tokens/keyset";
  static final String REVOCATIONS_PATH = "/v1/tokens/revocations";
  /**
   * When every long-poll slot is taken: held requests are answered within the maximum wait,
   * and all of them at each new list (at least every 15 s), so a slot frees up well within this.
   */
  static final long RETRY_AFTER_SECONDS = 5;

  private final ServiceTokens tokens;
  private final Duration maxWait;

  TokensApi(ServiceTokens tokens, Duration maxWait) {
    this.tokens = tokens;
    this.maxWait = maxWait;
  }

  List<Route> routes() {
    return List.of(Route.get(KEY_SET_PATH, this::keySet), Route.get(REVOCATIONS_PATH, this::revocations));
  }

  /** Without a token authority ({@code --no-auth}) the paths exist and say why there is nothing. */
  static List<Route> absent() {
    Route.Handler none = r -> {
      throw HttpError.notFound("no token authority: this oracle runs with --no-auth");
    };
    return List.of(Route.get(KEY_SET_PATH, none), Route.get(REVOCATIONS_PATH, none));
  }

  private Response keySet(Request request) throws HttpError {
    if (!request.query().isEmpty()) {
      throw HttpError.badRequest(KEY_SET_PATH + " takes no query parameters");
    }
    return Response.bytes(200, KeySetDocument.CONTENT_TYPE, tokens.keySetDocument());
  }

  private Response revocations(Request request) throws HttpError {
    LongPollQuery query = LongPollQuery.parse(request.query(), maxWait);
    RevocationFeed.Published list;
    try {
      list = tokens.revocations().awaitNewer(query.after().orElse(-1L), query.hold());
    } catch (RevocationFeed.TooManyWaiters e) {
      throw HttpError.overloaded(RETRY_AFTER_SECONDS);
    }
    return Response.bytes(200, RevocationList.CONTENT_TYPE, list.bytes());
  }
}
