package dev.castellan.attestation;

/** The trusted-execution platforms whose evidence Castellan can produce and appraise. */
public enum Platform {
  /** AWS Nitro Enclaves: a COSE_Sign1 attestation document from the Nitro Secure Module. */
  NITRO,
  /** AMD SEV-SNP: the 1184-byte ATTESTATION_REPORT (AMD SEV-SNP ABI spec 56860, §7.3). */
  SEV_SNP,
  /** Intel TDX: a DCAP ECDSA quote, version 4 or 5. */
  TDX,
  /** TPM 2.0: a TPMS_ATTEST quote with its signature and PCR values. */
  TPM,
  /** Intel SGX: a DCAP ECDSA quote, version 3, with an enclave report body. */
  SGX,
  /**
   * An NVIDIA Hopper GPU in confidential-computing mode: the SPDM 1.1 GET_MEASUREMENTS
   * request and signed MEASUREMENTS response, with the device's certificate chain. A device
   * attached to a confidential VM, not a VM itself: its evidence is bound into the VM's
   * report data.
   */
  GPU
}
