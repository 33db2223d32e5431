/**
 * {@code castellan entropy serve}: seed 004's entropyd on a Unix socket, publishing signed
 * {@code entropy_pub} chunks to the peers of its allowlist (docs/authority.md, "Entropy
 * (entropyd)").
 */
package dev.castellan.cli.entropy;
