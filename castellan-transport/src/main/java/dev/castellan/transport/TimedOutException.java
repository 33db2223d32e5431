package dev.castellan.transport;

import java.time.Duration;
import java.util.Locale;

/**
 * An operation did not complete within its deadline (a peer that stalls inside a frame, or
 * does not read what is sent to it). The connection is closed: its stream position is lost.
 */
public final class TimedOutException extends TransportException {
  private final String operation;
  private final Duration deadline;

  /** {@code operation} (e.g. "receive") did not finish within {@code deadline}. */
  public TimedOutException(String operation, Duration deadline) {
    super(String.format(Locale.ROOT, "%s did not complete within its deadline of %d ms",
        operation, deadline.toMillis()));
    this.operation = operation;
    this.deadline = deadline;
  }

  /** What timed out. */
  public String operation() {
    return operation;
  }

  /** The deadline that was exceeded. */
  public Duration deadline() {
    return deadline;
  }
}
