/**
 * NVIDIA Hopper (H100) confidential-computing GPU evidence: the SPDM 1.1 (DMTF DSP0274
 * v1.1) GET_MEASUREMENTS request and MEASUREMENTS response the GPU signs, its certificate
 * chain to the pinned NVIDIA Device Identity CA, and the claims it carries (measurement
 * blocks, NVIDIA opaque data such as the driver and VBIOS versions).
 *
 * <p>Depends on the attestation API of the parent package (Evidence, Verifier, Check,
 * GpuClaims, TrustAnchors and the AttestationException hierarchy), its internal helpers
 * (strict PEM/DER parsing, PKIX), castellan-core's hash algorithms, BouncyCastle's ASN.1
 * parser for the leaf's FWID extension, and the JCA for ECDSA P-384. Nothing here talks to
 * the network: NVIDIA's remote attestation service (NRAS), OCSP and reference integrity
 * manifests (RIMs) are out of scope; reference values for the measurements are appraisal
 * ({@code policy.GpuReference}). The byte layout is in {@code docs/gpu-attestation.md}.
 */
package dev.castellan.attestation.gpu;
