package dev.castellan.attestation;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Claims from an AWS Nitro Enclaves attestation document (AWS, "Verifying the root of trust";
 * aws-nitro-enclaves-nsm-api {@code AttestationDoc}).
 *
 * @param moduleId the enclave's module id
 * @param timestamp the document's signed timestamp (milliseconds since the epoch)
 * @param verifiedAt the verification time the document was verified at ({@link
 *     VerificationRequest#time()}): not a claim of the document, but what its age is
 *     measured against in appraisal ({@code policy.nitro.max-age})
 * @param digest the PCR digest algorithm; always {@code SHA384} after verification
 * @param pcrs PCR index to value (48 bytes each), unmodifiable
 * @param certificate the signing (leaf) certificate, DER
 * @param publicKey the optional {@code public_key} field
 * @param userData the optional {@code user_data} field
 * @param nonce the optional {@code nonce} field
 * @param simulated whether the document chains to a simulated root
 */
public record NitroClaims(
    String moduleId,
    Instant timestamp,
    Instant verifiedAt,
    String digest,
    SortedMap<Integer, ByteString> pcrs,
    ByteString certificate,
    Optional<ByteString> publicKey,
    Optional<ByteString> userData,
    Optional<ByteString> nonce,
    boolean simulated)
    implements Claims {
  public NitroClaims {
    Objects.requireNonNull(moduleId, "moduleId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(verifiedAt, "verifiedAt");
    Objects.requireNonNull(digest, "digest");
    pcrs = Collections.unmodifiableSortedMap(new TreeMap<>(pcrs));
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(userData, "userData");
    Objects.requireNonNull(nonce, "nonce");
  }

  @Override
  public Platform platform() {
    return Platform.NITRO;
  }

  /**
   * A Nitro enclave started in debug mode reports PCR0, PCR1 and PCR2 as all zeros (AWS,
   * "Nitro Enclaves concepts: debug mode"); its memory is readable by the parent instance.
   */
  @Override
  public boolean debug() {
    return isZero(0) && isZero(1) && isZero(2);
  }

  private boolean isZero(int index) {
    ByteString value = pcrs.get(index);
    return value == null || value.isAllZero();
  }

  /** How long before the verification time the document was signed (negative if after it). */
  public Duration age() {
    return Duration.between(timestamp, verifiedAt);
  }

  /** The value of PCR {@code index}, if present. */
  public Optional<ByteString> pcr(int index) {
    return Optional.ofNullable(pcrs.get(index));
  }
}
