package dev.castellan.attestation.nitro;

import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.SignatureInvalidException;
import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborTag;
import dev.castellan.core.cbor.CborValue;
import java.util.List;

/**
 * The COSE_Sign1 structure of a Nitro document (RFC 9052 §4.2), restricted to what Nitro
 * uses: protected header exactly {@code {1: -35}} (ES384), an empty unprotected header, an
 * attached payload and a 96-byte r||s signature; optionally wrapped in tag 18.
 *
 * @param protectedHeader the serialized protected header, exactly as received
 * @param payload the payload bytes, exactly as received
 * @param signature r||s, 48 bytes each
 */
record CoseSign1(byte[] protectedHeader, byte[] payload, byte[] signature) {
  static final long COSE_SIGN1_TAG = 18;
  static final long ALG = 1;
  static final long ES384 = -35;
  static final int SIGNATURE_SIZE = 96;

  /** Nesting is at most 4 deep (array, map, array, bytes); 16 leaves room and bounds recursion. */
  static final CborLimits LIMITS = CborLimits.WELL_FORMED.withMaxInputBytes(1 << 20).withMaxDepth(16);

  static CoseSign1 decode(byte[] bytes) throws MalformedEvidenceException, SignatureInvalidException {
    CborValue top;
    try {
      top = Cbor.decode(bytes, LIMITS);
      if (top instanceof CborTag(long tag, CborValue content)) {
        if (tag != COSE_SIGN1_TAG) {
          throw new MalformedEvidenceException("nitro.cose", "unexpected CBOR tag", "18", Long.toString(tag));
        }
        top = content;
      }
      List<CborValue> items = top.asArray();
      if (items.size() != 4) {
        throw new MalformedEvidenceException(
            "nitro.cose", "COSE_Sign1 must have 4 elements", "4", Integer.toString(items.size()));
      }
      byte[] protectedHeader = items.get(0).asBytes();
      CborMap unprotected = items.get(1).asMap();
      byte[] payload = items.get(2).asBytes();
      byte[] signature = items.get(3).asBytes();
      checkAlgorithm(protectedHeader);
      if (!unprotected.isEmpty()) {
        throw new MalformedEvidenceException("nitro.cose", "unprotected header must be empty");
      }
      if (signature.length != SIGNATURE_SIZE) {
        throw new MalformedEvidenceException(
            "nitro.cose", "ES384 signature has the wrong size", SIGNATURE_SIZE + " bytes", signature.length + " bytes");
      }
      return new CoseSign1(protectedHeader, payload, signature);
    } catch (CborException e) {
      throw new MalformedEvidenceException("nitro.cose", "not a well-formed COSE_Sign1: " + e.getMessage());
    }
  }

  private static void checkAlgorithm(byte[] protectedHeader)
      throws CborException, SignatureInvalidException {
    CborMap header = Cbor.decode(protectedHeader, LIMITS).asMap();
    CborValue alg = header.get(ALG);
    if (header.size() != 1 || alg == null || !alg.equals(CborValue.of(ES384))) {
      throw new SignatureInvalidException(
          "nitro.algorithm", "protected header must be exactly {1: -35} (ES384)", "ES384",
          alg == null ? "no alg" : dev.castellan.attestation.SafeText.escape(alg.toString()));
    }
  }

  /** Sig_structure = ["Signature1", protected, external_aad = h'', payload] (RFC 9052 §4.4). */
  byte[] toBeSigned() {
    return Cbor.encode(
        CborValue.array(
            CborValue.of("Signature1"),
            CborValue.of(protectedHeader),
            CborValue.of(new byte[0]),
            CborValue.of(payload)));
  }
}
