package dev.castellan.attestation;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Claims from an NVIDIA Hopper confidential-computing GPU attestation report: an SPDM 1.1
 * MEASUREMENTS response signed by the GPU's device key ({@code gpu.GpuVerifier}; layout in
 * {@code docs/gpu-attestation.md}). Owned by the GPU verifier; fields may grow.
 *
 * @param nonce the verifier's nonce from the GET_MEASUREMENTS request, 32 bytes
 * @param responderNonce the GPU's own nonce from the response, 32 bytes (not a freshness value)
 * @param measurements measurement block index to its 48-byte SHA-384 digest, unmodifiable
 * @param opaque the NVIDIA opaque data items, decoded
 * @param evidenceDigest SHA-256(report ‖ every certificate of the chain in DER, leaf first):
 *     the value that binds this GPU evidence into a CVM's REPORT_DATA
 * @param trailingBytes zero bytes after the signature, not covered by it (one in some real
 *     reports)
 * @param simulated whether the chain ends in a simulated root
 */
public record GpuClaims(
    ByteString nonce,
    ByteString responderNonce,
    SortedMap<Integer, ByteString> measurements,
    Opaque opaque,
    ByteString evidenceDigest,
    int trailingBytes,
    boolean simulated)
    implements Claims {
  public GpuClaims {
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(responderNonce, "responderNonce");
    measurements = Collections.unmodifiableSortedMap(new TreeMap<>(measurements));
    Objects.requireNonNull(opaque, "opaque");
    Objects.requireNonNull(evidenceDigest, "evidenceDigest");
  }

  @Override
  public Platform platform() {
    return Platform.GPU;
  }

  /**
   * Always false: the report carries no debug or developer-mode indication that this verifier
   * decodes (NVIDIA's CC mode and dev-tools mode are not among the opaque fields of Hopper
   * reports). Reference values for the measurements and versions are what an appraisal
   * compares.
   */
  @Override
  public boolean debug() {
    return false;
  }

  /** The digest of measurement block {@code index}, if the report has one. */
  public Optional<ByteString> measurement(int index) {
    return Optional.ofNullable(measurements.get(index));
  }

  /**
   * The NVIDIA opaque data items of the response (type numbers in brackets). Text items are
   * ASCII with their NUL padding removed; byte items are kept as bytes.
   *
   * @param driverVersion [3] the driver version, e.g. {@code 550.90.07}
   * @param vbiosVersion [6] the VBIOS version in NVIDIA's dotted form, e.g. {@code
   *     96.00.9f.00.01}: the first four bytes reversed, then the fifth, as hex
   * @param fwid [20] the firmware id, 48 bytes; equal to the FWID of the leaf certificate
   * @param gpuInfo [4] raw bytes
   * @param boardId [14] raw bytes
   * @param chipSku [15] text
   * @param chipSkuMod [16] text
   * @param project [17] text
   * @param projectSku [18] text
   * @param projectSkuMod [19] raw bytes
   * @param measurementCounts [12] per measurement index (from 1), how often it was extended
   * @param cprInfo [13] raw bytes
   * @param nvdec0Status [11] the status byte (0x55 in reports seen so far)
   * @param protectedPcieStatus [21] the status byte
   * @param opaqueDataVersion [34] the opaque data format version
   * @param featureFlag [36] 0 (SPT, single GPU), 1 (MPT, multi GPU) or 2 (PPCIE)
   * @param other every other known item, type to raw bytes
   */
  public record Opaque(
      String driverVersion,
      String vbiosVersion,
      Optional<ByteString> fwid,
      Optional<ByteString> gpuInfo,
      Optional<ByteString> boardId,
      Optional<String> chipSku,
      Optional<String> chipSkuMod,
      Optional<String> project,
      Optional<String> projectSku,
      Optional<ByteString> projectSkuMod,
      SortedMap<Integer, Long> measurementCounts,
      Optional<ByteString> cprInfo,
      OptionalInt nvdec0Status,
      OptionalInt protectedPcieStatus,
      OptionalInt opaqueDataVersion,
      OptionalInt featureFlag,
      SortedMap<Integer, ByteString> other) {
    public Opaque {
      Objects.requireNonNull(driverVersion, "driverVersion");
      Objects.requireNonNull(vbiosVersion, "vbiosVersion");
      measurementCounts = Collections.unmodifiableSortedMap(new TreeMap<>(measurementCounts));
      other = Collections.unmodifiableSortedMap(new TreeMap<>(other));
    }

    /** The feature flag's name: {@code SPT}, {@code MPT}, {@code PPCIE}, or its number. */
    public Optional<String> featureFlagName() {
      if (featureFlag.isEmpty()) {
        return Optional.empty();
      }
      int value = featureFlag.getAsInt();
      return Optional.of(switch (value) {
        case 0 -> "SPT";
        case 1 -> "MPT";
        case 2 -> "PPCIE";
        default -> Integer.toString(value);
      });
    }
  }
}
