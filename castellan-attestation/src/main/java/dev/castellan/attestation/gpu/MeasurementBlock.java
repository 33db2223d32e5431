package dev.castellan.attestation.gpu;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.MalformedEvidenceException;
import java.util.Locale;

/**
 * One measurement block of a MEASUREMENTS response (DSP0274 v1.1 §10.11.2, Table 45/46):
 * Index (u8), MeasurementSpecification (u8, {@code 0x01} = DMTF), MeasurementSize (u16),
 * then the DMTF measurement: DMTFSpecMeasurementValueType (u8), DMTFSpecMeasurementValueSize
 * (u16) and the value. Only digests (bit 7 of the type clear) of {@value #DIGEST_SIZE} bytes
 * (SHA-384, what Hopper reports) are accepted; raw bit streams are refused.
 *
 * @param index the block's index, 1..254
 * @param valueType DMTFSpecMeasurementValueType, bits 6..0 (what was measured)
 * @param digest the 48-byte digest
 */
public record MeasurementBlock(int index, int valueType, ByteString digest) {
  /** Digest size of the SHA-384 measurements a Hopper GPU reports. */
  public static final int DIGEST_SIZE = 48;

  /** Bytes of one block: 4 header bytes, 3 DMTF header bytes, the digest. */
  public static final int SIZE = 4 + 3 + DIGEST_SIZE;

  private static final int DMTF = 0x01;
  private static final int RAW_BIT_STREAM = 0x80;

  static MeasurementBlock read(SpdmReader in) throws MalformedEvidenceException {
    int index = in.u8("measurement block Index");
    String where = String.format(Locale.ROOT, "measurement block %d", index);
    if (index == 0 || index == 0xFF) {
      throw new MalformedEvidenceException(SpdmReader.CHECK, "measurement block index is reserved", "1..254",
          Integer.toString(index));
    }
    SpdmReader.require(where + " MeasurementSpecification (DMTF)", DMTF, in.u8(where + " MeasurementSpecification"));
    int size = in.u16(where + " MeasurementSize");
    SpdmReader.require(where + " MeasurementSize", 3 + DIGEST_SIZE, size);
    int type = in.u8(where + " DMTFSpecMeasurementValueType");
    if ((type & RAW_BIT_STREAM) != 0) {
      throw new MalformedEvidenceException(SpdmReader.CHECK, where + " is a raw bit stream, not a digest");
    }
    SpdmReader.require(where + " DMTFSpecMeasurementValueSize", DIGEST_SIZE, in.u16(where + " DMTFSpecMeasurementValueSize"));
    return new MeasurementBlock(index, type, ByteString.of(in.bytes(DIGEST_SIZE, where + " value")));
  }
}
