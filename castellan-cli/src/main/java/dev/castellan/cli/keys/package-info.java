/**
 * {@code castellan keys}: key custody commands. {@code keys tpm seal|unseal} seal a disk key
 * to TPM PCRs through {@link dev.castellan.keys.tpm.TpmSealer} and unseal it as a LUKS keyfile
 * (docs/tpm-sealing.md). The commands only parse options, read and write files; sealing is the
 * key layer's.
 */
package dev.castellan.cli.keys;
