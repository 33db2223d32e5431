package dev.castellan.attestation.gpu;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.GpuClaims;
import dev.castellan.attestation.MalformedEvidenceException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * An NVIDIA Hopper attestation report: the 37-byte GET_MEASUREMENTS request followed by the
 * MEASUREMENTS response (DSP0274 v1.1 §10.11.2): SPDMVersion {@code 0x11},
 * RequestResponseCode {@code 0x60}, Param1 {@code 0}, Param2 the request's slot,
 * NumberOfBlocks (u8), MeasurementRecordLength (u24) and that many bytes of measurement
 * blocks, the responder's 32-byte nonce, OpaqueLength (u16) and the opaque data, then the
 * {@value #SIGNATURE_SIZE}-byte ECDSA P-384 signature {@code r‖s} (big-endian each). All
 * integers little-endian.
 *
 * <p>Parsed strictly: the blocks fill the record exactly and their number is
 * NumberOfBlocks, indices strictly increase, and only up to {@value #MAX_TRAILING_BYTES}
 * zero bytes may follow the signature (real reports carry one; they are not signed, so
 * anything else there is refused).
 *
 * @param request the request
 * @param measurements the measurement blocks, in order
 * @param responderNonce the GPU's nonce, 32 bytes
 * @param opaque the decoded opaque data
 * @param signedLength the number of leading report bytes the signature covers: the request
 *     and the response up to the signature
 * @param signature the raw signature {@code r‖s}, 96 bytes
 * @param trailingBytes zero bytes after the signature
 */
public record GpuReport(
    GetMeasurementsRequest request,
    List<MeasurementBlock> measurements,
    ByteString responderNonce,
    GpuClaims.Opaque opaque,
    int signedLength,
    ByteString signature,
    int trailingBytes) {
  /** ECDSA P-384 {@code r‖s}. */
  public static final int SIGNATURE_SIZE = 96;

  /** Zero bytes tolerated after the signature: one seen in real reports, a little slack. */
  public static final int MAX_TRAILING_BYTES = 16;

  static final int MEASUREMENTS = 0x60;

  public GpuReport {
    measurements = List.copyOf(measurements);
  }

  /**
   * Parses {@code report} strictly.
   *
   * @throws MalformedEvidenceException ({@code gpu.report}) naming the field that is wrong
   */
  public static GpuReport parse(byte[] report) throws MalformedEvidenceException {
    SpdmReader in = new SpdmReader(report, 0, report.length);
    GetMeasurementsRequest request = GetMeasurementsRequest.read(in);
    SpdmReader.require("response SPDMVersion", GetMeasurementsRequest.SPDM_VERSION, in.u8("response SPDMVersion"));
    SpdmReader.require("response RequestResponseCode (MEASUREMENTS)", MEASUREMENTS,
        in.u8("response RequestResponseCode"));
    SpdmReader.require("response Param1", 0, in.u8("response Param1"));
    SpdmReader.require("response Param2 (the request's slot)", request.slotId(), in.u8("response Param2"));
    int count = in.u8("response NumberOfBlocks");
    int recordLength = in.u24("response MeasurementRecordLength");
    SpdmReader record = in.slice(recordLength, "response MeasurementRecord");
    MeasurementBlock[] blocks = new MeasurementBlock[count];
    for (int i = 0; i < count; i++) {
      blocks[i] = MeasurementBlock.read(record);
      if (i > 0 && blocks[i].index() <= blocks[i - 1].index()) {
        throw new MalformedEvidenceException(SpdmReader.CHECK, String.format(Locale.ROOT,
            "measurement block indices do not increase (%d after %d)", blocks[i].index(), blocks[i - 1].index()));
      }
    }
    if (record.remaining() != 0) {
      throw new MalformedEvidenceException(SpdmReader.CHECK,
          "MeasurementRecordLength is not the size of NumberOfBlocks blocks",
          (recordLength - record.remaining()) + " bytes", recordLength + " bytes");
    }
    ByteString responderNonce = ByteString.of(in.bytes(GetMeasurementsRequest.NONCE_SIZE, "response Nonce"));
    int opaqueLength = in.u16("response OpaqueLength");
    GpuClaims.Opaque opaque = OpaqueData.read(in.slice(opaqueLength, "response OpaqueData"));
    int signedLength = in.position();
    ByteString signature = ByteString.of(in.bytes(SIGNATURE_SIZE, "response Signature"));
    int trailing = in.remaining();
    if (trailing > MAX_TRAILING_BYTES) {
      throw new MalformedEvidenceException(SpdmReader.CHECK, "bytes follow the signature",
          "at most " + MAX_TRAILING_BYTES + " zero bytes", trailing + " bytes");
    }
    for (int i = report.length - trailing; i < report.length; i++) {
      if (report[i] != 0) {
        throw new MalformedEvidenceException(SpdmReader.CHECK, "non-zero bytes follow the signature (not signed)");
      }
    }
    return new GpuReport(request, Arrays.asList(blocks), responderNonce, opaque, signedLength, signature, trailing);
  }

  /** Measurement block index to digest. */
  public java.util.SortedMap<Integer, ByteString> measurementDigests() {
    java.util.TreeMap<Integer, ByteString> out = new java.util.TreeMap<>();
    measurements.forEach(block -> out.put(block.index(), block.digest()));
    return Collections.unmodifiableSortedMap(out);
  }
}
