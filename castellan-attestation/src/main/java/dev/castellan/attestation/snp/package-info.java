/**
 * AMD SEV-SNP verification (AMD "SEV Secure Nested Paging Firmware ABI Specification",
 * publication 56860, §7.3 ATTESTATION_REPORT; "Versioned Chip Endorsement Key (VCEK)
 * Certificate and KDS Interface Specification", publication 57230): report parsing, the
 * ECDSA P-384 report signature, VCEK/VLEK → ASK/ASVK → ARK chains to pinned AMD roots and
 * the bindings between the report and its endorsement certificate.
 */
package dev.castellan.attestation.snp;
