package dev.castellan.authority.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Bounds what any one actor can make the service write: at most {@code recordsPerMinute}
 * records per actor per clock minute; the rest are dropped and counted, and the count becomes
 * one {@code audit.dropped} record (result {@code dropped}, metadata {@code count} and {@code
 * window_start}) when the actor's next minute begins, or on {@link #flush()}. At most {@code
 * maxActors} actors are tracked; beyond that, new actors share the bound of the actor {@value
 * WindowCounter#OVERFLOW}. So a flood of refused connections writes at most about {@code
 * (maxActors + 1) * (recordsPerMinute + 1)} records a minute.
 */
public final class BoundedAuditSink implements AuditSink {
  /** Defaults: 120 records per actor per minute, 1,024 actors. */
  public static final int DEFAULT_RECORDS_PER_MINUTE = 120;
  public static final int DEFAULT_MAX_ACTORS = 1024;

  private final AuditSink inner;
  private final WindowCounter counter;
  private final Clock clock;

  public BoundedAuditSink(AuditSink inner, int recordsPerMinute, int maxActors, Clock clock) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.counter = new WindowCounter(recordsPerMinute, Duration.ofMinutes(1), maxActors);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void record(AuditEvent event) throws IOException {
    WindowCounter.Outcome outcome = counter.acquire(event.actor(), clock.instant());
    write(outcome.closed());
    if (outcome.allowed()) {
      inner.record(event);
    }
  }

  /** Writes the drop counts not written yet (the service calls this when it stops). */
  public void flush() throws IOException {
    write(counter.drain());
  }

  private void write(List<WindowCounter.Dropped> dropped) throws IOException {
    for (WindowCounter.Dropped d : dropped) {
      inner.record(AuditEvent.of(d.key(), "audit.dropped", Optional.empty(), "dropped",
          "count", Long.toString(d.count()), "window_start", d.windowStart().toString()));
    }
  }
}
