/** Benchmarks of the evidence log: durable appends per second against raw fsync baselines. */
package dev.castellan.bench.log;
