/**
 * JMH benchmarks, one subpackage per layer. Each benchmark class measures a baseline in the
 * same run (openssl, libsecp256k1, raw fsync) so results are recorded as ratios; results
 * with the machine and date go to docs/BENCHMARKS.md.
 */
package dev.castellan.bench;
