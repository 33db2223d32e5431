/**
 * Intel TDX: {@link dev.castellan.attestation.tdx.TdxVerifier} verifies DCAP quotes v4/v5
 * (Intel TDX DCAP Quoting Library API, appendix A) up to the pinned Intel SGX Root CA and
 * evaluates their TCB against Intel PCS collateral ({@link
 * dev.castellan.attestation.tdx.TdxCollateral}: TDX TCB Info v3, TD QE Identity v2, CRLs) with
 * Intel's QVL algorithm. {@link dev.castellan.attestation.tdx.TdxQuote} is the strict,
 * length-driven parser. Every failure is a {@link dev.castellan.attestation.tdx.TdxException}
 * inside the package and an {@link dev.castellan.attestation.AttestationException} at the
 * {@link dev.castellan.attestation.Verifier} boundary.
 */
package dev.castellan.attestation.tdx;
