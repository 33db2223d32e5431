/**
 * Hardware attestation through the Linux configfs-tsm report interface
 * ({@code Documentation/ABI/testing/configfs-tsm-report}, Linux 6.7+): one interface for
 * SEV-SNP ({@code sev_guest}) and TDX ({@code tdx_guest}) guests.
 */
package dev.castellan.attestation.tsm;
