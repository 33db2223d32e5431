package dev.castellan.client;

import dev.castellan.attestation.Verifier;
import dev.castellan.attestation.policy.AppraisalPolicy;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the client verifies an oracle. Secure by default: real TLS validation, the strict
 * {@link AppraisalPolicy#defaults()} (simulated evidence refused, and an unpinned measurement
 * refused: a client that pins nothing learns nothing), a 10-second timeout per request.
 *
 * @param verifiers one attestation verifier per platform the client accepts (each carries
 *     its trust anchors: the vendor roots, or a simulator root the user chose to trust)
 * @param policy the appraisal policy every verified result is judged by: the measurement pin
 *     ({@code nitro.pcrs["0"]}), whether simulated evidence is acceptable, which skips are
 * @param insecureTls accept any TLS certificate; the TLS key is still checked against the
 *     attested {@code tlsKeyHash}, so this only skips the certificate authority, which a
 *     self-signed enclave certificate cannot satisfy anyway
 */
public record ClientOptions(
    List<Verifier> verifiers,
    AppraisalPolicy policy,
    boolean insecureTls,
    Duration timeout,
    Clock clock,
    SecureRandom random) {
  public ClientOptions {
    verifiers = List.copyOf(verifiers);
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
        verifiers, AppraisalPolicy.defaults(), false, Duration.ofSeconds(10), Clock.systemUTC(), new SecureRandom());
  }

  public ClientOptions withPolicy(AppraisalPolicy appraisalPolicy) {
    return new ClientOptions(verifiers, appraisalPolicy, insecureTls, timeout, clock, random);
  }

  public ClientOptions withInsecureTls(boolean insecure) {
    return new ClientOptions(verifiers, policy, insecure, timeout, clock, random);
  }

  public ClientOptions withTimeout(Duration requestTimeout) {
    return new ClientOptions(verifiers, policy, insecureTls, requestTimeout, clock, random);
  }
}
