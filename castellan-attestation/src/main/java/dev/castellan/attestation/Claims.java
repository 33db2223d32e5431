package dev.castellan.attestation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Authenticated claims from one piece of evidence, typed per platform.
 *
 * <p>Every implementation says whether it chains to a simulated root ({@link #simulated()})
 * and whether the attested environment runs in a debug mode that gives the host access to
 * its memory ({@link #debug()}); appraisal rejects both by default. Claims render as JSON
 * with Jackson's defaults (byte strings as hex), including these three properties.
 */
public sealed interface Claims permits GpuClaims, NitroClaims, SgxClaims, SnpClaims, TdxClaims, TpmClaims {
  @JsonProperty("platform")
  Platform platform();

  /** True if the evidence chains to a simulated root: it proves nothing about hardware. */
  @JsonProperty("simulated")
  boolean simulated();

  /**
   * True if the environment is debuggable: Nitro (PCR0-2 all zero), SEV-SNP (guest policy
   * DEBUG), TDX (TD_ATTRIBUTES.DEBUG), SGX
   * (ATTRIBUTES.DEBUG).
   */
  @JsonProperty("debug")
  boolean debug();
}
