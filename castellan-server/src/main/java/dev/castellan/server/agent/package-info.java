/**
 * The attestation agent (seed 002 §4.9, docs/agent.md): an HTTPS service on the attesting VM
 * that answers {@code GET /attestation?nonce=HEX} with SEV-SNP or TDX evidence whose
 * REPORT_DATA is {@link dev.castellan.attestation.composition.ReportData} v1 over the nonce,
 * the image hash, the service tree's root and the GPU digest, together with those components;
 * {@code GET /smt/proof?service=NAME} with a proof from the service tree, and {@code GET
 * /services} with its leaves.
 *
 * <p>May depend on: castellan-attestation (attesters, the simulator, composition, GPU
 * evidence), castellan-core, castellan-keys (atomic files), this module's HTTP front ({@code
 * dev.castellan.server.http}) and its TLS identity.
 * Nothing in it holds a secret: every answer is verifiable by itself.
 */
package dev.castellan.server.agent;
