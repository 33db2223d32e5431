/**
 * {@code castellan attest}: verifies attestation evidence from files with the verifiers of
 * castellan-attestation and appraises it against a policy ({@code attest verify}), and
 * produces simulated evidence ({@code attest simulate}). Exit codes: 0 verified, 1 not
 * verified or an error, 2 a usage error.
 */
package dev.castellan.cli.attest;
