/** Benchmarks of the sparse Merkle tree: proving and verifying against one SHA-256 as the baseline. */
package dev.castellan.bench.smt;
