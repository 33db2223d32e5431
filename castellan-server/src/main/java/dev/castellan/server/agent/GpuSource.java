package dev.castellan.server.agent;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.gpu.GpuEvidence;
import java.util.Optional;

/**
 * Where the agent gets GPU evidence for a verifier's nonce: nowhere (no GPU), the simulated
 * Hopper GPU, or an external command that talks to the real device ({@link CommandGpuSource}).
 */
@FunctionalInterface
public interface GpuSource {
  /** A fresh GPU report binding {@code nonce} (32 bytes) with its chain, or empty for a VM without a GPU. */
  Optional<GpuEvidence> attest(byte[] nonce) throws AttestationException;

  /** A VM without a GPU: the GPU digest in REPORT_DATA is all zero. */
  static GpuSource none() {
    return nonce -> Optional.empty();
  }
}
