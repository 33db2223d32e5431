/** Benchmarks of the integrity monitor (castellan-runtime): SHA-3-512 file hashing against openssl. */
package dev.castellan.bench.monitor;
