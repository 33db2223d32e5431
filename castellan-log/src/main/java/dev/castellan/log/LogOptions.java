package dev.castellan.log;

import java.time.Duration;

/**
 * Tuning of the log core, with safe defaults ({@link #DEFAULTS}).
 *
 * @param maxBatchSize records made durable together with one fsync (group commit)
 * @param maxPending appends queued before new ones are refused with {@link LogOverloadedException}
 * @param checkpointInterval least time between two checkpoints; {@link Duration#ZERO} publishes
 *     one after every batch (still one per batch, not per record); a caller waiting for a
 *     checkpoint always gets one without waiting for the interval
 */
public record LogOptions(int maxBatchSize, int maxPending, Duration checkpointInterval) {
  public static final LogOptions DEFAULTS = new LogOptions(1024, 65_536, Duration.ZERO);

  public LogOptions {
    if (maxBatchSize < 1 || maxPending < 1 || checkpointInterval.isNegative()) {
      throw new IllegalArgumentException("batch size and queue length must be positive, interval not negative");
    }
  }
}
