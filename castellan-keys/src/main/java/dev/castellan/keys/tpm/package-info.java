/**
 * Sealing to a TPM 2.0 PCR policy: {@link dev.castellan.keys.tpm.TpmSealer} implements the
 * key layer's {@link dev.castellan.keys.Sealer} with {@code tpm2-tools} (TPM2_Create of a
 * sealed data object whose authPolicy is one TPM2_PolicyPCR; TPM2_Unseal in a policy
 * session), and {@link dev.castellan.keys.tpm.TpmSealedBlob} is the stored form
 * (docs/tpm-sealing.md).
 *
 * <p>Dependencies: {@code dev.castellan.keys} (the {@code Sealer} contract), {@code
 * dev.castellan.core} (bytes, hashes), and {@code dev.castellan.attestation.tpm.Tpm2Tools} (the
 * one tpm2-tools runner, shared with the TPM attester). Nothing from the server, the CLI or the
 * network: a CLI command or the oracle builds a {@code TpmSealer} from a TCTI and a PCR list.
 */
package dev.castellan.keys.tpm;
