package dev.castellan.attestation.tpm;

import java.io.IOException;
import java.util.OptionalInt;

/**
 * A {@code tpm2-tools} command could not be run or did not succeed. The message names the
 * tool, the TCTI and the tool's own error line (escaped), never anything read from standard
 * input or written to standard output: those may carry secrets ({@code tpm2_create -i -},
 * {@code tpm2_unseal}).
 */
public final class Tpm2ToolsException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why the command failed. */
  public enum Reason {
    /** The tool is not installed (not on PATH, or not in the configured directory). */
    NOT_INSTALLED,
    /** A {@code device:} TCTI names a device file that does not exist. */
    NO_DEVICE,
    /** The TCTI could not be loaded or the TPM behind it could not be reached. */
    UNREACHABLE,
    /** The tool ran past its timeout and was killed. */
    TIMED_OUT,
    /** The tool ran and failed: the TPM refused the command, or the arguments were wrong. */
    FAILED,
    /** The process could not be talked to, or the waiting thread was interrupted. */
    IO
  }

  private final Reason reason;
  private final String tool;
  private final int responseCode;

  Tpm2ToolsException(Reason reason, String tool, int responseCode, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.tool = tool;
    this.responseCode = responseCode;
  }

  public Reason reason() {
    return reason;
  }

  /** The tool that failed, e.g. {@code tpm2_unseal}. */
  public String tool() {
    return tool;
  }

  /**
   * The TPM response code (TPM 2.0 Library Part 2, 6.6) the tool reported, e.g. {@code 0x99d}
   * for TPM_RC_POLICY_FAIL in session 1, when the failure was the TPM's answer.
   */
  public OptionalInt responseCode() {
    return responseCode < 0 ? OptionalInt.empty() : OptionalInt.of(responseCode);
  }

  /**
   * Whether the TPM answered with the format-one error {@code code} (e.g. {@code 0x09d},
   * TPM_RC_POLICY_FAIL), whichever handle, session or parameter it names: those are bits 6
   * and 8..11, masked here (Part 2, 6.6.2). Codes from other layers (TSS, tools) never match.
   */
  public boolean isTpmError(int code) {
    return responseCode >= 0 && (responseCode & 0xffff0000) == 0 && (responseCode & 0x80) != 0
        && (responseCode & 0xbf) == code;
  }
}
