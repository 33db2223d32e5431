/**
 * {@code castellan keys}: key custody commands. {@code keys pkcs11 init|list|sign} work on
 * keys held in a PKCS#11 token (docs/keys.md); {@link Pkcs11Cli} is what other commands use to
 * sign with such a key ({@code log append --signer pkcs11:...}). {@code keys tpm seal|unseal}
 * seal a disk key to TPM PCRs through {@link dev.castellan.keys.tpm.TpmSealer} and unseal it as
 * a LUKS keyfile (docs/tpm-sealing.md); {@code keys kms-policy} prints the AWS KMS key policy of
 * seed 001 (docs/kms.md). The commands only parse options, read and write files; the keys are
 * the key layer's.
 */
package dev.castellan.cli.keys;
