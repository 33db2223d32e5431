package dev.castellan.server.oracle;

import java.util.Optional;

/**
 * Build and lineage facts the oracle publishes at {@code /v1/enclave-info} (seed 001): the
 * version, the measurement of the predecessor build it may take over from (the lineage
 * chain of migrations), and the maintainer's BIP-340 key that must approve a migration.
 */
public record OracleInfo(String version, Optional<String> previousMeasurement, Optional<String> maintainerKey) {}
