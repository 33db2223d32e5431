/**
 * What an attesting VM runs, composed into one report (docs/agent.md): {@link
 * dev.castellan.attestation.composition.ReportData} is the 64-byte SEV-SNP/TDX REPORT_DATA
 * binding a verifier's nonce to the image hash, the root of the service tree and the GPU
 * digest; {@link dev.castellan.attestation.composition.ServiceLeaf} is one service's leaf in
 * that tree and {@link dev.castellan.attestation.composition.ServiceTree} the tree itself.
 *
 * <p>May depend on: castellan-core (hashes, the sparse Merkle tree) and the JDK; nothing else of
 * the attestation module, so a client that only recomputes REPORT_DATA needs no verifier.
 */
package dev.castellan.attestation.composition;
