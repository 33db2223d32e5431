package dev.castellan.tokens.envelope;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborBytes;
import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborTag;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.cose.CoseException;
import dev.castellan.core.cose.CoseHeaders;
import dev.castellan.core.cose.CoseSign1;
import dev.castellan.tokens.AuthorityPublicKey;
import dev.castellan.tokens.KeyId;
import dev.castellan.tokens.KeySet;
import dev.castellan.tokens.SigningKey;
import dev.castellan.tokens.TokenException;
import dev.castellan.tokens.envelope.EnvelopeException.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The {@code signature} field of signed bodies: a tagged COSE_Sign1 with a detached payload
 * (RFC 9052 §2), protected header exactly {@code {1: alg, 3:
 * "application/vnd.castellan.envelope+cbor", 4: kid}}, empty unprotected header and empty
 * external AAD, over {@link EnvelopeCodec#signedBytes} — the envelope with the type, without
 * the signature field. The type is signed so a signature cannot be moved to another message kind.
 */
public final class EnvelopeSignatures {
  public static final String CONTENT_TYPE = "application/vnd.castellan.envelope+cbor";

  private static final CborLimits LIMITS = CborLimits.DETERMINISTIC.withMaxInputBytes(1024).withMaxDepth(4).withMaxItems(32);

  private EnvelopeSignatures() {}

  /** {@code envelope} with its signature by {@code key}. */
  public static SignedEnvelope sign(SignedEnvelope envelope, SigningKey key) throws CoseException {
    CoseHeaders header = CoseHeaders.builder().contentType(CONTENT_TYPE).keyId(key.keyId().toBytes()).build();
    byte[] signature = CoseSign1.signDetached(
        key, key.algorithm(), header, CoseHeaders.empty(), EnvelopeCodec.signedBytes(envelope), new byte[0], true);
    return envelope.withSignature(ByteString.of(signature));
  }

  /**
   * Verifies a cryptod signature against the trusted key set: the signer MUST be usable ({@link
   * KeySet#usableKey}) at {@code now} for a body made at its timestamp (or at {@code now} for a
   * body without one).
   */
  public static void verify(SignedEnvelope envelope, KeySet keySet, Instant now, Duration skew, Duration maxOverlap)
      throws EnvelopeException {
    CoseSign1 message = decode(envelope);
    AuthorityPublicKey key;
    try {
      key = keySet.usableKey(kid(message), envelope.signedAt().orElse(now), now, skew, maxOverlap);
    } catch (TokenException e) {
      throw new EnvelopeException(Problem.SIGNATURE, "signer: " + e.getMessage(), e);
    }
    check(message, envelope, key);
  }

  /** Verifies a signature by a pinned key (entropyd's, which is not an authority key). */
  public static void verify(SignedEnvelope envelope, AuthorityPublicKey pinned) throws EnvelopeException {
    CoseSign1 message = decode(envelope);
    if (!kid(message).equals(pinned.keyId())) {
      throw new EnvelopeException(Problem.SIGNATURE, "signed by another key than the pinned one");
    }
    check(message, envelope, pinned);
  }

  /**
   * The key id a signature names (its protected {@code kid}), so that a receiver can tell "signed
   * by a key I do not pin" apart from "does not verify". This is not a verification.
   *
   * @throws EnvelopeException ({@code SIGNATURE}) if the envelope is unsigned or the signature malformed
   */
  public static KeyId signer(SignedEnvelope envelope) throws EnvelopeException {
    return kid(decode(envelope));
  }

  private static void check(CoseSign1 message, SignedEnvelope envelope, AuthorityPublicKey key) throws EnvelopeException {
    try {
      message.verifyDetached(key.verifier(), key.algorithm(), new byte[0], EnvelopeCodec.signedBytes(envelope));
    } catch (CoseException e) {
      throw new EnvelopeException(Problem.SIGNATURE, "signature does not verify", e);
    }
  }

  private static CoseSign1 decode(SignedEnvelope envelope) throws EnvelopeException {
    byte[] signature = envelope.signatureField()
        .orElseThrow(() -> new EnvelopeException(Problem.SIGNATURE, envelope.type() + " is not signed")).toByteArray();
    try {
      CborValue item = Cbor.decode(signature, LIMITS);
      if (!(item instanceof CborTag tag) || tag.tag() != CoseSign1.TAG) {
        throw new EnvelopeException(Problem.SIGNATURE, "signature must be a COSE_Sign1 under tag 18");
      }
      CoseSign1 message = CoseSign1.fromCbor(item);
      CborMap header = message.protectedHeaders().toCbor();
      if (header.size() != 3 || !CborValue.of(CONTENT_TYPE).equals(header.get(3))
          || !(header.get(4) instanceof CborBytes kid) || kid.length() != KeyId.LENGTH
          || !Arrays.equals(Cbor.encode(header), message.protectedBytes())
          || !message.unprotectedHeaders().isEmpty() || !message.isDetached()) {
        throw new EnvelopeException(Problem.SIGNATURE, "signature headers must be exactly {1: alg, 3: \"" + CONTENT_TYPE + "\", 4: kid} and {}, payload detached");
      }
      return message;
    } catch (CborException | CoseException e) {
      throw new EnvelopeException(Problem.SIGNATURE, "malformed signature: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new EnvelopeException(Problem.SIGNATURE, "malformed signature", e);
    }
  }

  private static KeyId kid(CoseSign1 message) {
    return KeyId.of(message.protectedHeaders().keyId().orElseThrow());
  }
}
