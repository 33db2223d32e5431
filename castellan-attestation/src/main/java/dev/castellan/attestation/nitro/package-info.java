/**
 * AWS Nitro Enclaves attestation documents (AWS, "Verifying the root of trust"; the NSM API's
 * {@code AttestationDoc}): a COSE_Sign1 (RFC 9052 §4.2) with ES384 over a CBOR document whose
 * certificate chain ends in the pinned AWS Nitro Enclaves Root G1.
 */
package dev.castellan.attestation.nitro;
