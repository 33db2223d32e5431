package dev.castellan.client;

import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Verifier;
import dev.castellan.attestation.image.ImageHash;
import dev.castellan.attestation.policy.AppraisalPolicy;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link VmClient} checks a VM against (docs/agent.md, "verify-vm").
 *
 * @param client the SEV-SNP and TDX verifiers (with their trust anchors), the appraisal policy
 *     that pins the launch measurement, TLS, timeout, clock and randomness
 * @param expectedImage the image hash the VM must run
 * @param service the service to check, if any
 * @param gpuVerifier the GPU verifier (with its trust anchors)
 * @param gpuPolicy the appraisal policy for GPU evidence
 * @param requireGpu whether a VM without GPU evidence fails (a GPU policy was given)
 * @param collateral collateral beyond what the agent hands out (for real hardware: the VCEK,
 *     TCB Info, QE Identity), asked first
 */
public record VmOptions(
    ClientOptions client,
    ImageHash expectedImage,
    Optional<ExpectedService> service,
    Verifier gpuVerifier,
    AppraisalPolicy gpuPolicy,
    boolean requireGpu,
    CollateralSource collateral) {
  public VmOptions {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(expectedImage, "expectedImage");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(gpuVerifier, "gpuVerifier");
    Objects.requireNonNull(gpuPolicy, "gpuPolicy");
    Objects.requireNonNull(collateral, "collateral");
  }

  /**
   * The service whose leaf and signed response are checked.
   *
   * @param name its name in the tree
   * @param publicKey the key it must sign with (compressed secp256k1, 33 bytes), pinned by the user
   * @param url where to reach it; empty: the URL the agent lists for it
   */
  public record ExpectedService(String name, byte[] publicKey, Optional<URI> url) {
    public ExpectedService {
      Objects.requireNonNull(name, "name");
      publicKey = publicKey.clone();
      Objects.requireNonNull(url, "url");
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }
  }
}
