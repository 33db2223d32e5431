package dev.castellan.tokens.internal;

import dev.castellan.core.cbor.CborValue;
import dev.castellan.tokens.internal.FieldException.Problem;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * The one timestamp encoding of the envelopes: an RFC 3339 {@code date-time} in UTC with whole
 * seconds and the {@code Z} designator, exactly 20 characters ({@code 2026-01-02T03:04:05Z}).
 * No offsets, no fractions, no lower-case letters: one instant has one encoding.
 */
public final class Rfc3339 {
  private static final Pattern SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withResolverStyle(ResolverStyle.STRICT);
  /** 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z, the four-digit years RFC 3339 allows. */
  private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");

  private Rfc3339() {}

  /**
   * @throws IllegalArgumentException if {@code instant} has a fraction of a second or lies
   *     outside years 1..9999
   */
  public static String format(Instant instant) {
    if (instant.getNano() != 0 || instant.isBefore(MIN) || instant.isAfter(MAX)) {
      throw new IllegalArgumentException("timestamps are whole seconds in years 0001..9999");
    }
    return FORMAT.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  public static Instant parse(CborValue value, String name) throws FieldException {
    String text = StrictMap.text(value, name, 20);
    if (!SHAPE.matcher(text).matches()) {
      throw new FieldException(name, Problem.OUT_OF_RANGE, "expected YYYY-MM-DDTHH:MM:SSZ");
    }
    try {
      Instant instant = LocalDateTime.parse(text, FORMAT).toInstant(ZoneOffset.UTC);
      if (instant.isBefore(MIN)) {
        throw new FieldException(name, Problem.OUT_OF_RANGE, "year 0000");
      }
      return instant;
    } catch (DateTimeException e) {
      throw new FieldException(name, Problem.OUT_OF_RANGE, "not a valid date and time");
    }
  }
}
