package dev.castellan.runtime.forward;

import java.util.Locale;

/**
 * A snapshot of a forwarder's counters since it started. {@code refused}, {@code
 * targetFailures} and {@code idleClosed} are subsets of {@code accepted}; {@code active}
 * counts connections being connected or relayed now.
 *
 * @param accepted connections taken off the listening socket
 * @param active connections open now
 * @param refused closed at once because {@link ForwardOptions#maximumConnections()} were open
 * @param targetFailures closed because the target could not be connected to
 * @param idleClosed closed by the idle timeout
 * @param bytesToTarget bytes relayed from clients to the target
 * @param bytesFromTarget bytes relayed from the target to clients
 */
public record ForwardCounters(long accepted, long active, long refused, long targetFailures, long idleClosed,
    long bytesToTarget, long bytesFromTarget) {
  /** One line for logs: {@code accepted 12, active 1, refused 0, ...}. */
  public String describe() {
    return String.format(Locale.ROOT,
        "accepted %d, active %d, refused %d, target failures %d, idle closed %d, bytes to target %d, bytes from target %d",
        accepted, active, refused, targetFailures, idleClosed, bytesToTarget, bytesFromTarget);
  }
}
