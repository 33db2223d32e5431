/** Benchmarks of the port forwarder: throughput and connections per second against a direct connection and socat. */
package dev.castellan.bench.forward;
