package dev.castellan.attestation;

/**
 * Authenticated claims from one piece of evidence, typed per platform.
 *
 * <p>Every implementation says whether it chains to a simulated root ({@link #simulated()})
 * and whether the attested environment runs in a debug mode that gives the host access to
 * its memory ({@link #debug()}); appraisal rejects both by default.
 */
public sealed interface Claims permits NitroClaims, SnpClaims, TdxClaims, TpmClaims {
  Platform platform();

  /** True if the evidence chains to a simulated root: it proves nothing about hardware. */
  boolean simulated();

  /**
   * True if the environment is debuggable: Nitro (PCR0-2 all zero), SEV-SNP (guest policy
   * DEBUG), TDX (TD_ATTRIBUTES.DEBUG).
   */
  boolean debug();
}
