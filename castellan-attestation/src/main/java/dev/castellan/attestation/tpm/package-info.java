/**
 * TPM 2.0: {@link dev.castellan.attestation.tpm.TpmVerifier} verifies TPM2_Quote evidence
 * ({@link dev.castellan.attestation.tpm.TpmEvidence}: TPMS_ATTEST, TPMT_SIGNATURE, PCR values,
 * AK and optional AK certificates; TPM 2.0 Library Part 2 sections 10.12 and 11.3) and
 * {@link dev.castellan.attestation.tpm.TpmAttester} produces it from a real or software TPM
 * through {@code tpm2-tools}, run by {@link dev.castellan.attestation.tpm.Tpm2Tools} (also the
 * runner of the key layer's TPM sealer: one place bounds, times out and reports tool failures).
 */
package dev.castellan.attestation.tpm;
