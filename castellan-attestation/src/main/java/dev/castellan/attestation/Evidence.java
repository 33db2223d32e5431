package dev.castellan.attestation;

import java.util.Objects;

/**
 * Evidence (RFC 9334 §3.2): the raw bytes an Attester produced, tagged with the platform
 * that produced them. Immutable; the bytes are copied in and out.
 *
 * <p>Formats by platform: {@link Platform#NITRO} an untagged or tagged COSE_Sign1 attestation
 * document; {@link Platform#SEV_SNP} the 1184-byte ATTESTATION_REPORT; {@link Platform#TDX}
 * a DCAP quote (v4/v5); {@link Platform#SGX} a DCAP ECDSA quote v3; {@link Platform#TPM} as
 * documented by the TPM verifier; {@link Platform#GPU} the NVIDIA report (GET_MEASUREMENTS
 * request ‖ MEASUREMENTS response), its chain travelling as collateral.
 */
public final class Evidence {
  /**
   * Largest evidence accepted: 1 MiB. The largest real evidence is a TPM attestation with
   * its event log (about 30 KB); DCAP quotes with their PCK chain are about 5-8 KB, Nitro
   * documents about 5 KB. 1 MiB leaves 30x headroom and bounds memory per request.
   */
  public static final int MAX_BYTES = 1 << 20;

  private final Platform platform;
  private final byte[] bytes;

  private Evidence(Platform platform, byte[] bytes) {
    this.platform = platform;
    this.bytes = bytes;
  }

  /**
   * Evidence for a known platform.
   *
   * @throws MalformedEvidenceException if {@code bytes} is empty or larger than {@link
   *     #MAX_BYTES}
   */
  public static Evidence of(Platform platform, byte[] bytes) throws MalformedEvidenceException {
    Objects.requireNonNull(platform, "platform");
    if (bytes.length == 0 || bytes.length > MAX_BYTES) {
      throw new MalformedEvidenceException(
          "evidence.size",
          "evidence size out of bounds",
          "1.." + MAX_BYTES + " bytes",
          bytes.length + " bytes");
    }
    return new Evidence(platform, bytes.clone());
  }

  /**
   * Evidence whose platform is recognised from its bytes; see {@link EvidenceFormat#detect}.
   *
   * @throws MalformedEvidenceException if the format is not recognised
   */
  public static Evidence detect(byte[] bytes) throws MalformedEvidenceException {
    return of(EvidenceFormat.detect(bytes), bytes);
  }

  public Platform platform() {
    return platform;
  }

  /**
   * The check every verifier makes first: this evidence is for {@code expected}.
   *
   * @throws MalformedEvidenceException ({@code evidence.platform}) naming both platforms
   */
  public void requirePlatform(Platform expected) throws MalformedEvidenceException {
    if (platform != expected) {
      throw new MalformedEvidenceException("evidence.platform",
          "evidence is for " + platform.name() + ", not " + expected.name(), expected.name(), platform.name());
    }
  }

  /** A fresh copy of the evidence bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  @Override
  public String toString() {
    return "Evidence[" + platform + ", " + bytes.length + " bytes]";
  }
}
