/**
 * Intel SGX: {@link dev.castellan.attestation.sgx.SgxVerifier} verifies DCAP ECDSA quotes v3
 * (Intel SGX ECDSA Quote Library API, "Quote Format") up to the pinned Intel SGX Root CA and
 * evaluates their TCB against Intel PCS collateral (SGX TCB Info v3, QE Identity v2, CRLs)
 * with the DCAP machinery of the TDX package: PCK chain and CRL checks, QE report signature
 * and binding, QE identity, collateral loading. {@link dev.castellan.attestation.sgx.SgxQuote}
 * is the strict, length-driven parser. Every failure is a {@link
 * dev.castellan.attestation.sgx.SgxException} (check names {@code sgx.*}) inside the package
 * and an {@link dev.castellan.attestation.AttestationException} at the {@link
 * dev.castellan.attestation.Verifier} boundary.
 */
package dev.castellan.attestation.sgx;
