package dev.castellan.attestation.simulator;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The byte layout of an NVIDIA Hopper report as {@code gpu.GpuReport} reads it: the SPDM 1.1
 * GET_MEASUREMENTS request (DSP0274 v1.1 §10.11.1) followed by the MEASUREMENTS response
 * (§10.11.2) up to its signature, and NVIDIA's opaque data items. Integers little-endian.
 * Pure functions; the caller signs what {@link #unsigned} returns and appends the signature.
 */
final class SpdmReportWriter {
  static final int SPDM_1_1 = 0x11;
  static final int GET_MEASUREMENTS = 0xE0;
  static final int MEASUREMENTS = 0x60;

  /** DMTF measurement specification. */
  static final int DMTF = 0x01;

  /** DMTFSpecMeasurementValueType 1, mutable firmware, as a digest (bit 7 clear). */
  static final int MUTABLE_FIRMWARE_DIGEST = 0x01;

  private SpdmReportWriter() {}

  /**
   * Request ‖ response without the signature: the bytes the signature covers.
   *
   * @param nonce the requester's 32-byte nonce
   * @param digests the measurement blocks' 48-byte digests, block {@code i + 1} at {@code i}
   * @param responderNonce the responder's 32-byte nonce
   * @param opaque the opaque data, items from {@link #opaqueItem}
   */
  static byte[] unsigned(byte[] nonce, List<byte[]> digests, byte[] responderNonce, byte[] opaque) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(SPDM_1_1);
    out.write(GET_MEASUREMENTS);
    out.write(0x01); // Param1: signature requested
    out.write(0xFF); // Param2: all measurement blocks
    out.writeBytes(nonce);
    out.write(0x00); // SlotIDParam: slot 0
    out.write(SPDM_1_1);
    out.write(MEASUREMENTS);
    out.write(0x00); // Param1
    out.write(0x00); // Param2: the request's slot
    out.write(digests.size());
    int blockSize = 4 + 3 + 48;
    u24(out, digests.size() * blockSize);
    for (int i = 0; i < digests.size(); i++) {
      byte[] digest = digests.get(i);
      out.write(i + 1); // Index
      out.write(DMTF);
      u16(out, 3 + digest.length); // MeasurementSize
      out.write(MUTABLE_FIRMWARE_DIGEST);
      u16(out, digest.length);
      out.writeBytes(digest);
    }
    out.writeBytes(responderNonce);
    u16(out, opaque.length);
    out.writeBytes(opaque);
    return out.toByteArray();
  }

  /** One NVIDIA opaque data item: type (u16), size (u16), the value. */
  static byte[] opaqueItem(int type, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    u16(out, type);
    u16(out, value.length);
    out.writeBytes(value);
    return out.toByteArray();
  }

  static byte[] u16(int value) {
    return new byte[] {(byte) value, (byte) (value >>> 8)};
  }

  static byte[] u32(long value) {
    return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
  }

  private static void u16(ByteArrayOutputStream out, int value) {
    out.writeBytes(u16(value));
  }

  private static void u24(ByteArrayOutputStream out, int value) {
    out.write(value);
    out.write(value >>> 8);
    out.write(value >>> 16);
  }
}
