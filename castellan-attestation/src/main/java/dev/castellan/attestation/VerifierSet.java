package dev.castellan.attestation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One {@link Verifier} per platform, chosen by the evidence's platform: what a tool that is
 * handed evidence of any kind needs (together with {@link Evidence#detect}). Immutable;
 * built explicitly from the verifiers the caller configured (no global registry).
 */
public final class VerifierSet {
  private final Map<Platform, Verifier> verifiers;

  private VerifierSet(Map<Platform, Verifier> verifiers) {
    this.verifiers = Collections.unmodifiableMap(verifiers);
  }

  /**
   * A set of verifiers, at most one per platform.
   *
   * @throws IllegalArgumentException if two verifiers are for the same platform
   */
  public static VerifierSet of(Verifier... verifiers) {
    Map<Platform, Verifier> map = new EnumMap<>(Platform.class);
    for (Verifier verifier : verifiers) {
      if (map.putIfAbsent(verifier.platform(), verifier) != null) {
        throw new IllegalArgumentException("two verifiers for " + verifier.platform());
      }
    }
    return new VerifierSet(map);
  }

  public Optional<Verifier> forPlatform(Platform platform) {
    return Optional.ofNullable(verifiers.get(platform));
  }

  /**
   * Verifies {@code evidence} with the verifier for its platform.
   *
   * @throws MalformedEvidenceException if no verifier is configured for the platform
   */
  public AttestationResult verify(Evidence evidence, VerificationRequest request)
      throws AttestationException {
    Verifier verifier = verifiers.get(evidence.platform());
    if (verifier == null) {
      throw new MalformedEvidenceException(
          "evidence.platform", "no verifier configured for " + evidence.platform());
    }
    return verifier.verify(evidence, request);
  }
}
