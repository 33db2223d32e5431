package dev.castellan.attestation.gpu;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.MalformedEvidenceException;

/**
 * The SPDM 1.1 GET_MEASUREMENTS request the verifier sent (DSP0274 v1.1 §10.11.1), as the
 * first {@value #SIZE} bytes of an NVIDIA report: SPDMVersion {@code 0x11},
 * RequestResponseCode {@code 0xE0}, Param1 {@code 0x01} (signature requested), Param2 {@code
 * 0xFF} (all measurement blocks), the verifier's 32-byte nonce and SlotIDParam (0..7).
 *
 * <p>Anything else is refused: a request without the signature bit has no signed response,
 * and one for a single block is not what a Hopper report carries.
 *
 * @param nonce the verifier's challenge, 32 bytes: the freshness value
 * @param slotId the certificate slot the responder signed with
 */
public record GetMeasurementsRequest(ByteString nonce, int slotId) {
  /** Bytes of the request: 4 header bytes, the 32-byte nonce, SlotIDParam. */
  public static final int SIZE = 37;

  /** SPDM version 1.1, the only one NVIDIA Hopper reports use. */
  public static final int SPDM_VERSION = 0x11;

  static final int GET_MEASUREMENTS = 0xE0;
  static final int NONCE_SIZE = 32;

  static GetMeasurementsRequest read(SpdmReader in) throws MalformedEvidenceException {
    SpdmReader.require("request SPDMVersion", SPDM_VERSION, in.u8("request SPDMVersion"));
    SpdmReader.require("request RequestResponseCode (GET_MEASUREMENTS)", GET_MEASUREMENTS,
        in.u8("request RequestResponseCode"));
    SpdmReader.require("request Param1 (signature requested)", 0x01, in.u8("request Param1"));
    SpdmReader.require("request Param2 (all measurements)", 0xFF, in.u8("request Param2"));
    ByteString nonce = ByteString.of(in.bytes(NONCE_SIZE, "request Nonce"));
    int slot = in.u8("request SlotIDParam");
    if (slot > 7) {
      throw new MalformedEvidenceException(SpdmReader.CHECK, "request SlotIDParam out of range", "0..7",
          SpdmReader.hex(slot));
    }
    return new GetMeasurementsRequest(nonce, slot);
  }
}
