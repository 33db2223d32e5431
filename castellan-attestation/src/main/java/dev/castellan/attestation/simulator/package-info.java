/**
 * The simulator: a TEE in software, not a mock. It implements the same {@code Attester}
 * contract as the hardware attesters and emits evidence in the real formats (AWS Nitro
 * attestation documents, SEV-SNP reports, NVIDIA Hopper GPU SPDM measurement reports) signed through simulated vendor chains whose root
 * is created once and kept in the data directory. Its PCRs can only be extended and locked,
 * PCR0 is measured from the artifact actually being run, and every result it produces is
 * labelled simulated by the verifiers.
 *
 * <p>(Team note: this package is owned by the simulator work on branch {@code attest-sim};
 * the Nitro and SEV-SNP verifiers live in their own packages and verify its output.)
 */
package dev.castellan.attestation.simulator;
