/**
 * Network collateral: {@link dev.castellan.attestation.collateral.HttpCollateralSource} fetches
 * AMD KDS and Intel PCS collateral over HTTPS, off unless a caller creates one. Fetched bytes
 * are untrusted input; the verifiers authenticate them against pinned roots.
 */
package dev.castellan.attestation.collateral;
