/**
 * Azure confidential VMs with a paravisor (HCL): the HCL report that carries the hardware
 * report (SEV-SNP ATTESTATION_REPORT or TDX TDREPORT) and the runtime claims whose hash the
 * hardware report binds in REPORT_DATA (Microsoft "Azure confidential VM guest attestation";
 * the IGVM request data layout used by the Azure vTPM).
 */
package dev.castellan.attestation.azure;
