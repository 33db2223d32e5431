package dev.castellan.attestation.composition;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * REPORT_DATA version 1 of an attesting VM (docs/agent.md):
 *
 * <pre>
 * REPORT_DATA = SHA-512("castellan/report-data/v1" || nonce(32) || image hash(32)
 *                       || SMT root(32) || GPU digest(32, all zero when there is no GPU))
 * </pre>
 *
 * The label is the 24 ASCII bytes, without a terminator. The nonce is the verifier's, so a
 * report cannot be replayed; the other three are {@link Components} that the agent returns
 * beside the evidence and the verifier recomputes this from.
 */
public final class ReportData {
  /** The domain-separation label, ASCII. */
  public static final String LABEL = "castellan/report-data/v1";

  /** Length of the nonce and of each component. */
  public static final int PART_BYTES = 32;

  /** Length of REPORT_DATA (SEV-SNP and TDX). */
  public static final int LENGTH = 64;

  private static final byte[] LABEL_BYTES = LABEL.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NO_GPU = new byte[PART_BYTES];

  private ReportData() {}

  /**
   * What REPORT_DATA commits to besides the nonce.
   *
   * @param imageHash SHA-256 of the system image's NAR ({@code castellan measure image})
   * @param smtRoot root of the service tree
   * @param gpuDigest SHA-256(GPU report || chain in DER), absent when the VM has no GPU
   */
  public record Components(byte[] imageHash, byte[] smtRoot, Optional<byte[]> gpuDigest) {
    public Components {
      imageHash = part("image hash", imageHash);
      smtRoot = part("SMT root", smtRoot);
      gpuDigest = Objects.requireNonNull(gpuDigest, "gpuDigest").map(d -> part("GPU digest", d));
    }

    @Override
    public byte[] imageHash() {
      return imageHash.clone();
    }

    @Override
    public byte[] smtRoot() {
      return smtRoot.clone();
    }

    @Override
    public Optional<byte[]> gpuDigest() {
      return gpuDigest.map(byte[]::clone);
    }

    /** REPORT_DATA for {@code nonce} and these components. */
    public byte[] reportData(byte[] nonce) {
      return compute(nonce, imageHash, smtRoot, gpuDigest.orElse(NO_GPU));
    }

    @Override
    public String toString() {
      return "Components[image=" + Hex.encode(imageHash) + ", smtRoot=" + Hex.encode(smtRoot)
          + ", gpu=" + gpuDigest.map(Hex::encode).orElse("none") + "]";
    }
  }

  /**
   * REPORT_DATA v1; {@code gpuDigest} is 32 zero bytes when there is no GPU.
   *
   * @throws IllegalArgumentException if any part is not 32 bytes
   */
  public static byte[] compute(byte[] nonce, byte[] imageHash, byte[] smtRoot, byte[] gpuDigest) {
    return HashAlgorithm.SHA_512.hash(LABEL_BYTES, part("nonce", nonce), part("image hash", imageHash),
        part("SMT root", smtRoot), part("GPU digest", gpuDigest));
  }

  private static byte[] part(String what, byte[] value) {
    Objects.requireNonNull(value, what);
    if (value.length != PART_BYTES) {
      throw new IllegalArgumentException(what + " must be " + PART_BYTES + " bytes, got " + value.length);
    }
    return value.clone();
  }
}
