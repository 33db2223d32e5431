package dev.castellan.log;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one log (to be exported by the server): appends, duplicates, bytes, batches,
 * checkpoints, integration lag, verification failures. Safe for concurrent use; share one
 * instance between a {@link TransparencyLog} and {@link LogVerifier} runs to count both.
 */
public final class LogMetrics {
  private final AtomicLong appends = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong checkpoints = new AtomicLong();
  private final AtomicLong lastIntegrationLagNanos = new AtomicLong();
  private final AtomicLong maxIntegrationLagNanos = new AtomicLong();
  private final AtomicLong verificationFailures = new AtomicLong();
  private final AtomicLong rejectedOverload = new AtomicLong();

  /** A consistent-enough copy of the counters. */
  public record Snapshot(long appends, long duplicates, long bytes, long batches, long checkpoints,
      long lastIntegrationLagNanos, long maxIntegrationLagNanos, long verificationFailures,
      long rejectedOverload) {}

  public Snapshot snapshot() {
    return new Snapshot(appends.get(), duplicates.get(), bytes.get(), batches.get(), checkpoints.get(),
        lastIntegrationLagNanos.get(), maxIntegrationLagNanos.get(), verificationFailures.get(),
        rejectedOverload.get());
  }

  void recordBatch(int newRecords, int duplicateRecords, long newBytes) {
    appends.addAndGet(newRecords);
    duplicates.addAndGet(duplicateRecords);
    bytes.addAndGet(newBytes);
    batches.incrementAndGet();
  }

  void recordCheckpoint(long integrationLagNanos) {
    checkpoints.incrementAndGet();
    lastIntegrationLagNanos.set(integrationLagNanos);
    maxIntegrationLagNanos.accumulateAndGet(integrationLagNanos, Math::max);
  }

  void recordVerificationFailure() {
    verificationFailures.incrementAndGet();
  }

  void recordOverload() {
    rejectedOverload.incrementAndGet();
  }
}
