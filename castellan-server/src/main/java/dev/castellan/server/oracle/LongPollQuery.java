package dev.castellan.server.oracle;

import dev.castellan.server.http.HttpError;
import dev.castellan.server.http.Sanitize;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query of {@code GET /v1/tokens/revocations} (docs/http-api.md): {@code after} a version
 * (decimal, 0 to 2^63-1, no sign, no leading zero) and {@code wait} seconds (0 to {@value
 * #MAX_WAIT_SECONDS}, only with {@code after}). Nothing else is accepted. Pure functions.
 *
 * @param after the version the caller already has; empty: answer at once
 * @param hold how long to hold the request: the {@code wait} asked for, capped at the server's {@link #maxWait}
 */
record LongPollQuery(Optional<Long> after, Duration hold) {
  /** The contract's ceiling for {@code wait}; the server may hold a request for less ({@link #maxWait}). */
  static final int MAX_WAIT_SECONDS = 60;
  /** How much sooner than the idle timeout a held request is answered. */
  static final Duration IDLE_MARGIN = Duration.ofSeconds(5);

  private static final Set<String> NAMES = Set.of("after", "wait");
  /** At most 19 digits: every value up to 2^63-1 has that many; larger ones are refused by the parse. */
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

  /**
   * The longest the server holds a request: {@link #IDLE_MARGIN} less than the connection idle
   * timeout, because the HTTP front (Helidon) counts a connection as idle from the start of its
   * current request and closes it, after the answer, once that passes; between 1 s and {@value
   * #MAX_WAIT_SECONDS} s. 25 s with the default 30 s idle timeout.
   */
  static Duration maxWait(Duration idleTimeout) {
    long seconds = idleTimeout.minus(IDLE_MARGIN).toSeconds();
    return Duration.ofSeconds(Math.max(1, Math.min(MAX_WAIT_SECONDS, seconds)));
  }

  /**
   * Parses {@code query} strictly; {@code wait} defaults to {@code maxWait} when {@code after}
   * is given, and a larger {@code wait} (up to {@value #MAX_WAIT_SECONDS}) is capped to it.
   */
  static LongPollQuery parse(Map<String, String> query, Duration maxWait) throws HttpError {
    for (String name : query.keySet()) {
      if (!NAMES.contains(name)) {
        throw HttpError.badRequest("unknown query parameter '" + Sanitize.forMessage(name) + "' (only 'after' and 'wait')");
      }
    }
    Optional<Long> after = Optional.ofNullable(query.get("after")).map(LongPollQuery::number);
    if (after.isPresent() && after.get() < 0) {
      throw HttpError.badRequest("'after' must be a version: a decimal integer from 0 to " + Long.MAX_VALUE);
    }
    String waitText = query.get("wait");
    if (waitText == null) {
      return new LongPollQuery(after, after.isPresent() ? maxWait : Duration.ZERO);
    }
    if (after.isEmpty()) {
      throw HttpError.badRequest("'wait' needs 'after' (the version you have)");
    }
    long wait = number(waitText);
    if (wait < 0 || wait > MAX_WAIT_SECONDS) {
      throw HttpError.badRequest("'wait' must be whole seconds from 0 to " + MAX_WAIT_SECONDS);
    }
    Duration capped = Duration.ofSeconds(wait).compareTo(maxWait) > 0 ? maxWait : Duration.ofSeconds(wait);
    return new LongPollQuery(after, capped);
  }

  /** The non-negative decimal integer, or -1 when it is not one (the caller turns that into the 400). */
  private static long number(String text) {
    if (!DECIMAL.matcher(text).matches()) {
      return -1;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1; // 19 digits above 2^63-1
    }
  }
}
