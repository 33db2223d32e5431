package dev.castellan.tokens.internal;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborArray;
import dev.castellan.core.cbor.CborBytes;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborTag;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.cose.CoseException;
import java.util.ArrayList;
import java.util.List;

/**
 * COSE_Sign (RFC 9052 §4.1): one payload, several signatures. {@code 98([body_protected: bstr,
 * unprotected: map, payload: bstr, signatures: [+ [protected: bstr, unprotected: map,
 * signature: bstr]]])}; each signature covers the Sig_structure {@code ["Signature",
 * body_protected, sign_protected, external_aad, payload]} (§4.4), here always with an empty
 * external_aad. Structure only: the callers own the header rules.
 */
public final class CoseSign {
  /** CBOR tag of COSE_Sign. */
  public static final long TAG = 98;

  private CoseSign() {}

  /** One COSE_Signature: its protected bucket as transmitted, unprotected bucket and signature. */
  public record Signer(byte[] protectedBytes, CborMap protectedHeader, CborMap unprotectedHeader, byte[] signature) {}

  /** A decoded COSE_Sign message. */
  public record Message(byte[] bodyProtectedBytes, CborMap bodyProtected, CborMap unprotectedHeader, byte[] payload, List<Signer> signers) {
    /** The bytes {@code signer} signed. */
    public byte[] toBeSigned(Signer signer) {
      return CoseSign.toBeSigned(bodyProtectedBytes, signer.protectedBytes(), payload);
    }
  }

  /** The Sig_structure of one signature, in deterministic encoding. */
  public static byte[] toBeSigned(byte[] bodyProtected, byte[] signProtected, byte[] payload) {
    return Cbor.encode(CborValue.array(
        CborValue.of("Signature"), CborValue.of(bodyProtected), CborValue.of(signProtected),
        CborValue.of(new byte[0]), CborValue.of(payload)));
  }

  /** The tagged message. */
  public static CborValue encode(byte[] bodyProtected, byte[] payload, List<Signer> signers) {
    List<CborValue> signatures = new ArrayList<>();
    for (Signer s : signers) {
      signatures.add(CborValue.array(CborValue.of(s.protectedBytes()), s.unprotectedHeader(), CborValue.of(s.signature())));
    }
    return new CborTag(TAG, CborValue.array(
        CborValue.of(bodyProtected), CborMap.builder().build(), CborValue.of(payload), new CborArray(signatures)));
  }

  /**
   * Reads the structure of a decoded item; header buckets are decoded as deterministic CBOR.
   *
   * @throws CoseException if it is not a tagged COSE_Sign with 1..{@code maxSigners} signatures
   *     and an attached payload
   */
  public static Message fromCbor(CborValue item, int maxSigners) throws CoseException {
    if (!(item instanceof CborTag tag) || tag.tag() != TAG) {
      throw new CoseException("a COSE_Sign is tagged 98");
    }
    if (!(tag.content() instanceof CborArray array) || array.size() != 4
        || !(array.get(0) instanceof CborBytes bodyProtected)
        || !(array.get(1) instanceof CborMap unprotected)
        || !(array.get(2) instanceof CborBytes payload)
        || !(array.get(3) instanceof CborArray signatures)) {
      throw new CoseException("COSE_Sign must be [bstr, map, bstr, [+ COSE_Signature]]");
    }
    if (signatures.size() < 1 || signatures.size() > maxSigners) {
      throw new CoseException("COSE_Sign must carry 1.." + maxSigners + " signatures");
    }
    List<Signer> signers = new ArrayList<>();
    for (CborValue s : signatures.items()) {
      if (!(s instanceof CborArray signature) || signature.size() != 3
          || !(signature.get(0) instanceof CborBytes signProtected)
          || !(signature.get(1) instanceof CborMap signUnprotected)
          || !(signature.get(2) instanceof CborBytes value)) {
        throw new CoseException("COSE_Signature must be [bstr, map, bstr]");
      }
      signers.add(new Signer(signProtected.bytes(), headerMap(signProtected), signUnprotected, value.bytes()));
    }
    return new Message(bodyProtected.bytes(), headerMap(bodyProtected), unprotected, payload.bytes(), List.copyOf(signers));
  }

  private static CborMap headerMap(CborBytes bucket) throws CoseException {
    if (bucket.length() == 0) {
      return CborMap.builder().build();
    }
    try {
      return Cbor.decode(bucket.bytes()).asMap();
    } catch (Exception e) {
      throw new CoseException("protected bucket must hold a deterministically encoded map", e);
    }
  }
}
