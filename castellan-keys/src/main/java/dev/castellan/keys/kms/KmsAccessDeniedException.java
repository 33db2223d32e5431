package dev.castellan.keys.kms;

/**
 * KMS refused the call under the key policy ({@code AccessDeniedException}). For an enclave this
 * usually means the attestation document does not satisfy the policy's {@code
 * kms:RecipientAttestation:PCR0} (or PCR8) condition: another build, or a debug enclave whose
 * PCRs are zero.
 */
public final class KmsAccessDeniedException extends KmsServiceException {
  private static final long serialVersionUID = 1L;

  public KmsAccessDeniedException(String operation, int httpStatus, String serviceMessage) {
    super(operation, "AccessDeniedException", httpStatus, serviceMessage);
  }
}
