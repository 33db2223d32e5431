package dev.castellan.tokens;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.cose.CoseAlgorithm;
import dev.castellan.core.cose.CoseException;
import dev.castellan.tokens.TrustDocumentException.Problem;
import dev.castellan.tokens.internal.CoseSign;
import dev.castellan.tokens.internal.FieldException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The signed key-set document: a COSE_Sign (RFC 9052 §4.1, tag 98) over the {@link KeySet}
 * payload, with one signature per signing key. Body protected header exactly {@code {3:
 * "application/vnd.castellan.key-set+cbor"}}; each signature's protected header exactly {@code
 * {1: alg, 4: kid}}; every unprotected header empty; deterministic CBOR; at most {@value
 * #MAX_DOCUMENT_BYTES} bytes.
 *
 * <p>Rotation (docs/tokens.md): a verifier that trusts set N accepts a set N+1 only if its
 * version is greater, its issuer the same, every signature verifies and is by a key of N or
 * N+1, one of them is by N's active (outgoing) key, and — when N+1 changes the active key — one
 * is by the new active key, proving possession.
 */
public final class KeySetDocument {
  /** Content type of the body protected header: binds the signatures to this document kind. */
  public static final String CONTENT_TYPE = "application/vnd.castellan.key-set+cbor";

  /** 8 keys of about 200 bytes and 8 signatures of about 110 bytes fit in 3 KiB; 16 KiB is ample. */
  public static final int MAX_DOCUMENT_BYTES = 16 * 1024;

  private static final int MAX_SIGNERS = 4;
  private static final CborLimits LIMITS =
      CborLimits.DETERMINISTIC.withMaxInputBytes(MAX_DOCUMENT_BYTES).withMaxDepth(8).withMaxItems(1024);

  private KeySetDocument() {}

  /** Signs {@code keySet} with each of {@code signers} (for a rotation: the outgoing and the new key). */
  public static byte[] sign(KeySet keySet, List<SigningKey> signers) throws GeneralSecurityException {
    byte[] bodyProtected = Cbor.encode(bodyProtected());
    byte[] payload = Cbor.encode(keySet.toCbor());
    List<CoseSign.Signer> signatures = new ArrayList<>();
    for (SigningKey key : signers) {
      byte[] signProtected = Cbor.encode(signerHeader(key.algorithm(), key.keyId()));
      byte[] signature = key.sign(CoseSign.toBeSigned(bodyProtected, signProtected, payload));
      signatures.add(new CoseSign.Signer(signProtected, null, CborMap.builder().build(), signature));
    }
    return Cbor.encode(CoseSign.encode(bodyProtected, payload, signatures));
  }

  /**
   * Accepts a first key set, pinned out of band by its active key's id: the set's active key
   * MUST be {@code pinnedActiveKey} and MUST have signed it.
   */
  public static KeySet verifyTrustAnchor(byte[] document, KeyId pinnedActiveKey) throws TrustDocumentException {
    Decoded next = decode(document);
    if (!next.keySet().activeKeyId().equals(pinnedActiveKey)) {
      throw new TrustDocumentException(Problem.SIGNER_NOT_VALID, "active key is not the pinned key");
    }
    Set<KeyId> signed = verifySignatures(next, null);
    if (!signed.contains(pinnedActiveKey)) {
      throw new TrustDocumentException(Problem.MISSING_NEW_KEY_SIGNATURE, "the pinned active key did not sign");
    }
    return next.keySet();
  }

  /**
   * Reads a key set and checks that its own active key signed it: the document is
   * consistent, but NOT authenticated (anyone can make a self-signed one). For display and
   * for learning the key id to pin out of band; a verifier trusts a key set only through
   * {@link #verifyTrustAnchor} with a pinned key id, or {@link #verifyUpdate}.
   */
  public static KeySet verifySelfSigned(byte[] document) throws TrustDocumentException {
    Decoded next = decode(document);
    if (!verifySignatures(next, null).contains(next.keySet().activeKeyId())) {
      throw new TrustDocumentException(Problem.MISSING_NEW_KEY_SIGNATURE, "the active key did not sign");
    }
    return next.keySet();
  }

  /** Accepts {@code document} as the successor of {@code trusted}, under the rotation rules above. */
  public static KeySet verifyUpdate(KeySet trusted, byte[] document) throws TrustDocumentException {
    Objects.requireNonNull(trusted, "trusted");
    Decoded next = decode(document);
    KeySet set = next.keySet();
    if (!set.issuer().equals(trusted.issuer())) {
      throw new TrustDocumentException(Problem.ISSUER_MISMATCH, "issuer differs from the trusted key set's");
    }
    if (set.version() <= trusted.version()) {
      throw new TrustDocumentException(Problem.VERSION_NOT_NEWER,
          "version " + set.version() + " does not replace trusted version " + trusted.version());
    }
    Set<KeyId> signed = verifySignatures(next, trusted);
    if (!signed.contains(trusted.activeKeyId())) {
      throw new TrustDocumentException(Problem.MISSING_OUTGOING_SIGNATURE, "the trusted active key did not sign");
    }
    if (!signed.contains(set.activeKeyId())) {
      throw new TrustDocumentException(Problem.MISSING_NEW_KEY_SIGNATURE, "the new active key did not sign");
    }
    return set;
  }

  private record Decoded(KeySet keySet, CoseSign.Message message) {}

  private static Decoded decode(byte[] document) throws TrustDocumentException {
    if (document.length > MAX_DOCUMENT_BYTES) {
      throw new TrustDocumentException(Problem.MALFORMED, "key set larger than " + MAX_DOCUMENT_BYTES + " bytes");
    }
    try {
      CoseSign.Message message = CoseSign.fromCbor(Cbor.decode(document, LIMITS), MAX_SIGNERS);
      if (!message.bodyProtected().equals(bodyProtected()) || !message.unprotectedHeader().isEmpty()) {
        throw new TrustDocumentException(Problem.MALFORMED, "headers must be exactly {3: \"" + CONTENT_TYPE + "\"} and {}");
      }
      return new Decoded(KeySet.fromCbor(Cbor.decode(message.payload(), LIMITS)), message);
    } catch (CborException | CoseException | FieldException e) {
      throw new TrustDocumentException(Problem.MALFORMED, e.getMessage());
    } catch (RuntimeException e) {
      throw new TrustDocumentException(Problem.MALFORMED, "undecodable key set", e);
    }
  }

  /** Verifies every signature; returns the signers' key ids. */
  private static Set<KeyId> verifySignatures(Decoded next, KeySet trusted) throws TrustDocumentException {
    Set<KeyId> signed = new HashSet<>();
    for (CoseSign.Signer signer : next.message().signers()) {
      KeyId kid = signerKeyId(signer);
      Optional<KeySet.Entry> entry = next.keySet().entry(kid);
      if (entry.isEmpty() && trusted != null) {
        entry = trusted.entry(kid);
      }
      if (entry.isEmpty()) {
        throw new TrustDocumentException(Problem.UNKNOWN_SIGNER, "signer " + kid + " is in neither key set");
      }
      AuthorityPublicKey key = entry.get().key();
      if (!signer.protectedHeader().equals(signerHeader(key.algorithm(), kid))) {
        throw new TrustDocumentException(Problem.SIGNATURE, "signer " + kid + " uses the wrong algorithm");
      }
      try {
        key.verifier().verify(signer.signature(), next.message().toBeSigned(signer));
      } catch (GeneralSecurityException | RuntimeException e) {
        throw new TrustDocumentException(Problem.SIGNATURE, "signature of " + kid + " does not verify");
      }
      if (!signed.add(kid)) {
        throw new TrustDocumentException(Problem.MALFORMED, "two signatures by " + kid);
      }
    }
    return signed;
  }

  private static KeyId signerKeyId(CoseSign.Signer signer) throws TrustDocumentException {
    if (!signer.unprotectedHeader().isEmpty() || signer.protectedHeader().size() != 2
        || !(signer.protectedHeader().get(4) instanceof dev.castellan.core.cbor.CborBytes kid)
        || kid.length() != KeyId.LENGTH) {
      throw new TrustDocumentException(Problem.MALFORMED, "signature headers must be exactly {1: alg, 4: kid} and {}");
    }
    return KeyId.of(kid.bytes());
  }

  static CborMap bodyProtected() {
    return CborMap.builder().put(3, CborValue.of(CONTENT_TYPE)).build();
  }

  static CborMap signerHeader(CoseAlgorithm algorithm, KeyId kid) {
    return CborMap.builder().put(1, CborValue.of(algorithm.id())).put(4, CborValue.of(kid.toBytes())).build();
  }
}
