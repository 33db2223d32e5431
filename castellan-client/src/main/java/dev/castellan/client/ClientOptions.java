package dev.castellan.client;

import dev.castellan.attestation.Verifier;
import dev.castellan.attestation.policy.AppraisalPolicy;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the client verifies an oracle. Secure by default: real TLS validation, simulated
 * evidence refused, a 10-second timeout per request.
 *
 * @param verifiers one attestation verifier per platform the client accepts (each carries
 *     its trust anchors: the vendor roots, or a simulator root the user chose to trust)
 * @param expectedPcr0 the measurement the user expects (hex-decoded), if any
 * @param policy an appraisal policy to apply to the claims, if any
 * @param insecureTls accept any TLS certificate; the TLS key is still checked against the
 *     attested {@code tlsKeyHash}, so this only skips the certificate authority, which a
 *     self-signed enclave certificate cannot satisfy anyway
 * @param allowSimulated accept evidence from the simulator
 */
public record ClientOptions(
    List<Verifier> verifiers,
    Optional<byte[]> expectedPcr0,
    Optional<AppraisalPolicy> policy,
    boolean insecureTls,
    boolean allowSimulated,
    Duration timeout,
    Clock clock,
    SecureRandom random) {
  public ClientOptions {
    verifiers = List.copyOf(verifiers);
    Objects.requireNonNull(expectedPcr0, "expectedPcr0");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    if (verifiers.isEmpty()) {
      throw new IllegalArgumentException("at least one attestation verifier is required");
    }
  }

  public static ClientOptions defaults(List<Verifier> verifiers) {
    return new ClientOptions(
        verifiers, Optional.empty(), Optional.empty(), false, false, Duration.ofSeconds(10),
        Clock.systemUTC(), new SecureRandom());
  }

  public ClientOptions withExpectedPcr0(byte[] pcr0) {
    return new ClientOptions(verifiers, Optional.of(pcr0.clone()), policy, insecureTls, allowSimulated, timeout, clock, random);
  }

  public ClientOptions withPolicy(AppraisalPolicy appraisalPolicy) {
    return new ClientOptions(verifiers, expectedPcr0, Optional.of(appraisalPolicy), insecureTls, allowSimulated, timeout, clock, random);
  }

  public ClientOptions withInsecureTls(boolean insecure) {
    return new ClientOptions(verifiers, expectedPcr0, policy, insecure, allowSimulated, timeout, clock, random);
  }

  public ClientOptions withAllowSimulated(boolean allow) {
    return new ClientOptions(verifiers, expectedPcr0, policy, insecureTls, allow, timeout, clock, random);
  }
}
