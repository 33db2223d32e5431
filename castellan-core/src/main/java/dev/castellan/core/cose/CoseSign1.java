package dev.castellan.core.cose;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborArray;
import dev.castellan.core.cbor.CborBytes;
import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborSimple;
import dev.castellan.core.cbor.CborTag;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.internal.cose.SigStructure;
import dev.castellan.core.signature.PublicKeySign;
import dev.castellan.core.signature.PublicKeyVerify;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A COSE_Sign1 message (RFC 9052 §4.2): {@code [protected: bstr, unprotected: map, payload:
 * bstr / nil, signature: bstr]}, optionally under CBOR tag 18.
 *
 * <p><b>Signing</b> ({@link #sign}) writes the deterministic encoding (RFC 8949 §4.2.1) and
 * always puts {@code alg} in the protected bucket.
 *
 * <p><b>Decoding</b> ({@link #decode}) accepts any well-formed CBOR (messages come from other
 * implementations, e.g. AWS Nitro), tagged 18 or untagged; any other tag MUST be rejected. The
 * protected bucket is kept exactly as received, because the signature covers those bytes. A
 * message MUST be rejected if a label appears in both buckets, if {@code crit} is unprotected or
 * lists a label absent from the protected bucket, or if {@code crit} lists a label this class
 * does not process (only {@code alg}, {@code content type} and {@code kid} are understood).
 *
 * <p><b>Verification</b> ({@link #verify}) MUST be given the algorithm that the caller's key is
 * for; the message's {@code alg} MUST be present and equal to it, so a message can never choose
 * the algorithm. {@code alg} is accepted in either bucket: since the caller fixes the algorithm,
 * an unprotected {@code alg} cannot downgrade anything (cose-wg sign-pass-01 relies on this).
 *
 * <p><b>Empty protected bucket.</b> RFC 9052 §3 lets a sender encode an empty protected bucket
 * as {@code h''} or as {@code h'A0'} (an encoded empty map), and §4.4 says the Sig_structure
 * uses a zero-length {@code bstr} "if there are no protected attributes". This class follows
 * §4.4 literally: whenever the protected bucket decodes to an empty map, the Sig_structure uses
 * {@code h''}, whatever encoding was transmitted; otherwise it uses the bytes as received. Both
 * encodings mean the same (no protected parameters), so accepting either gives an attacker
 * nothing; a signer that signed over {@code h'A0'} itself is not interoperable with this rule.
 */
public final class CoseSign1 {
  /** CBOR tag of COSE_Sign1 (RFC 9052 §2). */
  public static final long TAG = 18;

  /**
   * Largest accepted encoded message. 1 MiB holds any attestation document (an AWS Nitro
   * document with its certificate chain is about 5 KiB) and any token, with room to spare;
   * larger inputs are rejected before parsing.
   */
  public static final int MAX_ENCODED_BYTES = 1 << 20;

  /** Header maps and certificate arrays nest a few levels at most. */
  private static final int MAX_DEPTH = 16;

  private static final CborLimits MESSAGE_LIMITS =
      CborLimits.WELL_FORMED.withMaxInputBytes(MAX_ENCODED_BYTES).withMaxDepth(MAX_DEPTH);

  private static final byte[] EMPTY = new byte[0];

  private final byte[] protectedBytes;
  private final CoseHeaders protectedHeaders;
  private final CoseHeaders unprotectedHeaders;
  private final byte[] payload;
  private final byte[] signature;
  private final boolean tagged;

  private CoseSign1(
      byte[] protectedBytes,
      CoseHeaders protectedHeaders,
      CoseHeaders unprotectedHeaders,
      byte[] payload,
      byte[] signature,
      boolean tagged) {
    this.protectedBytes = protectedBytes;
    this.protectedHeaders = protectedHeaders;
    this.unprotectedHeaders = unprotectedHeaders;
    this.payload = payload;
    this.signature = signature;
    this.tagged = tagged;
  }

  /**
   * Signs {@code payload} and returns the encoded COSE_Sign1 carrying it.
   *
   * @param protectedHeaders parameters to protect; {@code alg} is added if absent and MUST equal
   *     {@code algorithm} if present
   * @param unprotectedHeaders parameters not covered by the signature; MUST NOT contain {@code
   *     alg}, {@code crit} or a label of the protected bucket
   * @param externalAad application data bound into the signature but not carried (may be empty)
   * @param tagged whether to wrap the message in tag 18
   * @throws CoseException if the headers break a rule above, or the signer fails or returns a
   *     signature of the wrong length (for ECDSA it MUST return raw {@code r || s}, not DER)
   */
  public static byte[] sign(
      PublicKeySign signer,
      CoseAlgorithm algorithm,
      CoseHeaders protectedHeaders,
      CoseHeaders unprotectedHeaders,
      byte[] payload,
      byte[] externalAad,
      boolean tagged)
      throws CoseException {
    Objects.requireNonNull(payload, "payload");
    return signInternal(signer, algorithm, protectedHeaders, unprotectedHeaders, payload, payload, externalAad, tagged);
  }

  /**
   * Signs {@code detachedPayload} and returns a COSE_Sign1 whose payload is {@code nil} (RFC
   * 9052 §2: detached content); the recipient supplies the payload to {@link #verifyDetached}.
   */
  public static byte[] signDetached(
      PublicKeySign signer,
      CoseAlgorithm algorithm,
      CoseHeaders protectedHeaders,
      CoseHeaders unprotectedHeaders,
      byte[] detachedPayload,
      byte[] externalAad,
      boolean tagged)
      throws CoseException {
    Objects.requireNonNull(detachedPayload, "detachedPayload");
    return signInternal(signer, algorithm, protectedHeaders, unprotectedHeaders, detachedPayload, null, externalAad, tagged);
  }

  private static byte[] signInternal(
      PublicKeySign signer,
      CoseAlgorithm algorithm,
      CoseHeaders protectedHeaders,
      CoseHeaders unprotectedHeaders,
      byte[] signedPayload,
      byte[] carriedPayload,
      byte[] externalAad,
      boolean tagged)
      throws CoseException {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(externalAad, "externalAad");
    Objects.requireNonNull(protectedHeaders, "protectedHeaders");
    Objects.requireNonNull(unprotectedHeaders, "unprotectedHeaders");
    CoseHeaders protectedWithAlg = withAlgorithm(protectedHeaders, algorithm);
    if (unprotectedHeaders.contains(CborValue.of(CoseHeaders.ALGORITHM))) {
      throw new CoseException("alg must be in the protected bucket");
    }
    CoseHeaders.checkBuckets(protectedWithAlg, unprotectedHeaders);
    byte[] protectedBytes = Cbor.encode(protectedWithAlg.toCbor());
    byte[] toBeSigned = SigStructure.sign1(protectedBytes, externalAad, signedPayload);
    byte[] signature;
    try {
      signature = signer.sign(toBeSigned);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CoseException("signing failed", e);
    }
    if (signature == null || signature.length != algorithm.signatureLength()) {
      throw new CoseException(
          String.format(
              Locale.ROOT,
              "signer returned %d bytes; %s requires %d (raw r||s for ECDSA, not DER)",
              signature == null ? 0 : signature.length,
              algorithm,
              algorithm.signatureLength()));
    }
    return new CoseSign1(protectedBytes, protectedWithAlg, unprotectedHeaders, carriedPayload, signature, tagged)
        .encode();
  }

  private static CoseHeaders withAlgorithm(CoseHeaders headers, CoseAlgorithm algorithm) throws CoseException {
    Optional<CoseAlgorithm> present = headers.algorithm();
    if (present.isPresent()) {
      if (present.get() != algorithm) {
        throw new CoseException("protected alg differs from the signing algorithm");
      }
      return headers;
    }
    CoseHeaders.Builder builder = CoseHeaders.builder().algorithm(algorithm);
    headers.toCbor().entries().forEach(e -> builder.put(e.getKey(), e.getValue()));
    return builder.build();
  }

  /**
   * Decodes a COSE_Sign1, tagged 18 or untagged. It checks structure and header rules only: call
   * {@link #verify} before trusting anything in it.
   *
   * @throws CoseException if the input is larger than {@link #MAX_ENCODED_BYTES}, not
   *     well-formed CBOR, under another tag, or breaks a rule in the class documentation
   */
  public static CoseSign1 decode(byte[] encoded) throws CoseException {
    Objects.requireNonNull(encoded, "encoded");
    if (encoded.length > MAX_ENCODED_BYTES) {
      throw new CoseException("COSE_Sign1 larger than " + MAX_ENCODED_BYTES + " bytes");
    }
    return fromCbor(decodeItem(encoded, "COSE_Sign1"));
  }

  /**
   * Reads a COSE_Sign1 from an already decoded item (for containers such as the CWT tag 61,
   * which strip their own tag first). Same rules as {@link #decode}.
   */
  public static CoseSign1 fromCbor(CborValue item) throws CoseException {
    boolean tagged = false;
    if (item instanceof CborTag(long tag, CborValue content)) {
      if (tag != TAG) {
        throw new CoseException("unexpected CBOR tag " + Long.toUnsignedString(tag) + " (COSE_Sign1 is 18)");
      }
      tagged = true;
      item = content;
    }
    if (!(item instanceof CborArray array) || array.size() != 4) {
      throw new CoseException("COSE_Sign1 must be an array of 4 items");
    }
    if (!(array.get(0) instanceof CborBytes protectedBstr)) {
      throw new CoseException("protected bucket must be a byte string");
    }
    if (!(array.get(1) instanceof CborMap unprotectedMap)) {
      throw new CoseException("unprotected bucket must be a map");
    }
    byte[] payload;
    if (array.get(2) instanceof CborBytes payloadBstr) {
      payload = payloadBstr.bytes();
    } else if (array.get(2).isNull()) {
      payload = null;
    } else {
      throw new CoseException("payload must be a byte string or nil");
    }
    if (!(array.get(3) instanceof CborBytes signatureBstr)) {
      throw new CoseException("signature must be a byte string");
    }
    byte[] protectedBytes = protectedBstr.bytes();
    CoseHeaders protectedHeaders = decodeProtected(protectedBytes);
    CoseHeaders unprotectedHeaders = CoseHeaders.fromMap(unprotectedMap);
    CoseHeaders.checkBuckets(protectedHeaders, unprotectedHeaders);
    protectedHeaders.requireCriticalUnderstood();
    return new CoseSign1(protectedBytes, protectedHeaders, unprotectedHeaders, payload, signatureBstr.bytes(), tagged);
  }

  private static CoseHeaders decodeProtected(byte[] protectedBytes) throws CoseException {
    if (protectedBytes.length == 0) {
      return CoseHeaders.empty();
    }
    if (!(decodeItem(protectedBytes, "protected bucket") instanceof CborMap map)) {
      throw new CoseException("protected bucket must hold a map");
    }
    return CoseHeaders.fromMap(map);
  }

  private static CborValue decodeItem(byte[] encoded, String what) throws CoseException {
    try {
      return Cbor.decode(encoded, MESSAGE_LIMITS);
    } catch (CborException e) {
      throw new CoseException("malformed " + what + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // Fail closed: a decoder defect must not escape as an unchecked exception.
      throw new CoseException("malformed " + what, e);
    }
  }

  /**
   * Returns normally only if the signature is valid for the carried payload.
   *
   * @param verifier the public key, for {@code expectedAlgorithm}
   * @param expectedAlgorithm the algorithm of the caller's key; the message's {@code alg} MUST
   *     equal it
   * @param externalAad the application data the signer bound in (empty if none)
   * @throws CoseException if the payload is detached, {@code alg} is missing, unsupported or
   *     different, the signature has the wrong length, or it does not verify
   */
  public void verify(PublicKeyVerify verifier, CoseAlgorithm expectedAlgorithm, byte[] externalAad)
      throws CoseException {
    if (payload == null) {
      throw new CoseException("payload is detached: use verifyDetached");
    }
    verifyOver(verifier, expectedAlgorithm, externalAad, payload);
  }

  /** As {@link #verify}, for a message whose payload is {@code nil}, over {@code detachedPayload}. */
  public void verifyDetached(
      PublicKeyVerify verifier, CoseAlgorithm expectedAlgorithm, byte[] externalAad, byte[] detachedPayload)
      throws CoseException {
    Objects.requireNonNull(detachedPayload, "detachedPayload");
    if (payload != null) {
      throw new CoseException("payload is attached, not detached");
    }
    verifyOver(verifier, expectedAlgorithm, externalAad, detachedPayload);
  }

  private void verifyOver(
      PublicKeyVerify verifier, CoseAlgorithm expectedAlgorithm, byte[] externalAad, byte[] signedPayload)
      throws CoseException {
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(expectedAlgorithm, "expectedAlgorithm");
    Objects.requireNonNull(externalAad, "externalAad");
    CoseAlgorithm algorithm = algorithm();
    if (algorithm != expectedAlgorithm) {
      throw new CoseException("algorithm mismatch: message uses " + algorithm + ", key expects " + expectedAlgorithm);
    }
    if (signature.length != algorithm.signatureLength()) {
      throw new CoseException(
          String.format(Locale.ROOT, "%s signature must be %d bytes, got %d", algorithm, algorithm.signatureLength(), signature.length));
    }
    byte[] toBeSigned = SigStructure.sign1(protectedForSignature(), externalAad, signedPayload);
    try {
      verifier.verify(signature, toBeSigned);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CoseException("signature verification failed", e);
    }
  }

  /**
   * The algorithm named by {@code alg}, from whichever bucket holds it.
   *
   * @throws CoseException if {@code alg} is absent or unsupported
   */
  public CoseAlgorithm algorithm() throws CoseException {
    Optional<CoseAlgorithm> algorithm = protectedHeaders.algorithm();
    if (algorithm.isEmpty()) {
      algorithm = unprotectedHeaders.algorithm();
    }
    return algorithm.orElseThrow(() -> new CoseException("missing algorithm header"));
  }

  /** The Sig_structure's {@code body_protected}: see "Empty protected bucket" above. */
  private byte[] protectedForSignature() {
    return protectedHeaders.isEmpty() ? EMPTY : protectedBytes;
  }

  /**
   * The Sig_structure ({@code ToBeSigned}) of this message, for diagnostics and tests.
   *
   * @param detachedPayload the payload of a detached message; MUST be {@code null} when the
   *     payload is attached
   */
  public byte[] toBeSigned(byte[] externalAad, byte[] detachedPayload) {
    if ((payload == null) == (detachedPayload == null)) {
      throw new IllegalArgumentException("give a detached payload exactly when the message has none");
    }
    return SigStructure.sign1(protectedForSignature(), externalAad, payload != null ? payload : detachedPayload);
  }

  /**
   * The encoded message: the protected bucket as received, everything else in deterministic
   * encoding (so re-encoding a received message keeps its signature valid).
   */
  public byte[] encode() {
    CborValue array =
        CborValue.array(
            CborValue.of(protectedBytes),
            unprotectedHeaders.toCbor(),
            payload == null ? CborSimple.NULL : CborValue.of(payload),
            CborValue.of(signature));
    return Cbor.encode(tagged ? new CborTag(TAG, array) : array);
  }

  public CoseHeaders protectedHeaders() {
    return protectedHeaders;
  }

  public CoseHeaders unprotectedHeaders() {
    return unprotectedHeaders;
  }

  /** A copy of the protected bucket exactly as received. */
  public byte[] protectedBytes() {
    return protectedBytes.clone();
  }

  /** A copy of the payload; empty when detached. Not authentic until {@link #verify} returned. */
  public Optional<byte[]> payload() {
    return payload == null ? Optional.empty() : Optional.of(payload.clone());
  }

  public boolean isDetached() {
    return payload == null;
  }

  /** A copy of the signature bytes. */
  public byte[] signature() {
    return signature.clone();
  }

  /** Whether the message carried tag 18. */
  public boolean isTagged() {
    return tagged;
  }
}
