package dev.castellan.runtime.monitor;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a monitor watches.
 *
 * @param ignore the ignore rules
 * @param debounce how long a file must stay quiet before it is hashed; also the window in which
 *     a delete and a create of the same content are one rename
 * @param clock the time written into change records
 */
public record MonitorOptions(IgnoreRules ignore, Duration debounce, Clock clock) {
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(500);
  public static final Duration MAX_DEBOUNCE = Duration.ofMinutes(10);

  public MonitorOptions {
    Objects.requireNonNull(ignore);
    Objects.requireNonNull(clock);
    if (debounce.isNegative() || debounce.compareTo(MAX_DEBOUNCE) > 0) {
      throw new IllegalArgumentException("debounce must be 0 to " + MAX_DEBOUNCE.toMillis() + " ms");
    }
  }

  /** Nothing ignored, the default debounce, the system clock. */
  public static MonitorOptions defaults() {
    return new MonitorOptions(IgnoreRules.none(), DEFAULT_DEBOUNCE, Clock.systemUTC());
  }

  public MonitorOptions withIgnore(IgnoreRules rules) {
    return new MonitorOptions(rules, debounce, clock);
  }

  public MonitorOptions withDebounce(Duration value) {
    return new MonitorOptions(ignore, value, clock);
  }

  public MonitorOptions withClock(Clock value) {
    return new MonitorOptions(ignore, debounce, value);
  }
}
