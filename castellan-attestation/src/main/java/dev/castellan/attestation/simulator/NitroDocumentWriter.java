package dev.castellan.attestation.simulator;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborArray;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborSimple;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.cose.CoseAlgorithm;
import dev.castellan.core.cose.CoseHeaders;
import dev.castellan.core.cose.CoseSign1;
import dev.castellan.core.signature.PublicKeySign;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Encodes an AWS Nitro attestation document (aws-nitro-enclaves-nsm-api, "Attestation
 * Document Specification") as the NSM does: an untagged COSE_Sign1 (RFC 9052 §4.2) with
 * protected header {@code {1: -35}} (ES384), an empty unprotected header, the document as
 * payload and a 96-byte {@code r || s} signature over {@code Sig_structure = ["Signature1",
 * protected, h'', payload]}.
 *
 * <p>The payload holds {@code module_id}, {@code digest} ("SHA384"), {@code timestamp},
 * {@code pcrs}, {@code certificate}, {@code cabundle} (root first), and {@code public_key},
 * {@code user_data}, {@code nonce} as a byte string or, when absent, {@code null}, as real
 * documents carry them. Everything is in CBOR's deterministic encoding, so map keys appear
 * in bytewise order rather than in the NSM's field order; the specification fixes no order
 * and every conforming decoder reads both.
 */
final class NitroDocumentWriter {
  /** Everything signed and carried, except the signing key. */
  record Document(
      String moduleId,
      long timestampMillis,
      SortedMap<Integer, byte[]> pcrs,
      byte[] certificate,
      List<byte[]> cabundle,
      byte[] publicKey,
      byte[] userData,
      byte[] nonce) {}

  private NitroDocumentWriter() {}

  static byte[] payload(Document d) {
    CborMap.Builder pcrs = CborMap.builder();
    for (Map.Entry<Integer, byte[]> pcr : d.pcrs().entrySet()) {
      pcrs.put(pcr.getKey(), CborValue.of(pcr.getValue()));
    }
    List<CborValue> bundle = new ArrayList<>();
    for (byte[] der : d.cabundle()) {
      bundle.add(CborValue.of(der));
    }
    return Cbor.encode(
        CborMap.builder()
            .put("module_id", d.moduleId())
            .put("digest", "SHA384")
            .put("timestamp", d.timestampMillis())
            .put("pcrs", pcrs.build())
            .put("certificate", CborValue.of(d.certificate()))
            .put("cabundle", new CborArray(bundle))
            .put("public_key", optional(d.publicKey()))
            .put("user_data", optional(d.userData()))
            .put("nonce", optional(d.nonce()))
            .build());
  }

  /** The signed document; {@code signer} MUST produce ECDSA P-384 {@code r || s} (96 bytes). */
  static byte[] sign(Document d, PublicKeySign signer) throws GeneralSecurityException {
    return CoseSign1.sign(
        signer,
        CoseAlgorithm.ES384,
        CoseHeaders.builder().algorithm(CoseAlgorithm.ES384).build(),
        CoseHeaders.empty(),
        payload(d),
        new byte[0],
        false);
  }

  private static CborValue optional(byte[] value) {
    return value == null ? CborSimple.NULL : CborValue.of(value);
  }
}
