package dev.castellan.core.cbor;

/** How strictly {@link Cbor#decode(byte[], CborLimits)} reads its input. */
public enum CborMode {
  /**
   * RFC 8949 §4.2.1 core deterministic encoding, with the CDE rules (draft-ietf-cbor-cde) for
   * floats and bignums: the decoder MUST reject non-shortest integers, lengths and floats,
   * bignums that fit a basic integer or have leading zeros, indefinite lengths, and map keys
   * that are not in strictly increasing bytewise order of their encodings. Input accepted in
   * this mode re-encodes to exactly the same bytes. Use it for everything Castellan signs,
   * hashes or content-addresses.
   */
  DETERMINISTIC,
  /**
   * Any well-formed CBOR (RFC 8949 §5.3.1), for documents produced elsewhere (AWS Nitro
   * attestation documents, COSE from other implementations): non-shortest encodings, unsorted
   * maps and indefinite lengths (joined into ordinary strings, arrays and maps) are accepted.
   * Still rejected: duplicate map keys (compared by their deterministic encoding), invalid
   * UTF-8, simple values 24..31 in two bytes, reserved additional information, trailing bytes,
   * and anything beyond the limits. Re-encoding yields the deterministic form, which may
   * differ from the input: sign or hash the original bytes, never a re-encoding.
   */
  WELL_FORMED
}
