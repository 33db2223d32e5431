package dev.castellan.core.cwt;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.core.cbor.CborTag;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.cose.CoseAlgorithm;
import dev.castellan.core.cose.CoseException;
import dev.castellan.core.cose.CoseHeaders;
import dev.castellan.core.cose.CoseSign1;
import dev.castellan.core.signature.PublicKeySign;
import dev.castellan.core.signature.PublicKeyVerify;
import java.util.Objects;

/**
 * A signed CBOR Web Token (RFC 8392 §7): a COSE_Sign1 whose payload is the encoded claims set,
 * optionally under the CWT tag 61 (§6).
 *
 * <p>{@link #verify} MUST be called before any claim is trusted, and its result MUST then be
 * checked with a {@link CwtValidator}; verification checks the signature and the claims'
 * syntax, not their time validity. On reading, tag 61 is accepted only around a tagged
 * COSE_Sign1 ({@code 61(18([...]))}), and is stripped; {@code 18([...])} and the untagged array
 * are accepted as well. Other COSE message types (MAC, encryption, nesting) are not supported.
 */
public final class SignedCwt {
  /** CBOR tag of a CWT (RFC 8392 §6). */
  public static final long TAG = 61;

  /** Tokens are small; the bound also caps the claims set inside. */
  public static final int MAX_TOKEN_BYTES = 64 * 1024;

  private static final CborLimits TOKEN_LIMITS =
      CborLimits.WELL_FORMED.withMaxInputBytes(MAX_TOKEN_BYTES).withMaxDepth(16);

  private SignedCwt() {}

  /**
   * Signs {@code claims} into a COSE_Sign1 under tag 18 (without tag 61: the token's type is
   * known from context wherever Castellan uses it), {@code alg} protected.
   *
   * @param unprotectedHeaders e.g. {@code kid}; may be {@link CoseHeaders#empty()}
   */
  public static byte[] sign(
      PublicKeySign signer, CoseAlgorithm algorithm, CwtClaims claims, CoseHeaders unprotectedHeaders)
      throws CwtException {
    Objects.requireNonNull(claims, "claims");
    try {
      return CoseSign1.sign(
          signer, algorithm, CoseHeaders.empty(), unprotectedHeaders, claims.encode(), new byte[0], true);
    } catch (CoseException e) {
      throw new CwtException("signing the CWT failed: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes a token without verifying it, e.g. to read {@code kid} and choose the key.
   *
   * @throws CwtException if it is not a COSE_Sign1 (optionally under tag 61) within {@link
   *     #MAX_TOKEN_BYTES}
   */
  public static CoseSign1 decode(byte[] token) throws CwtException {
    Objects.requireNonNull(token, "token");
    if (token.length > MAX_TOKEN_BYTES) {
      throw new CwtException("CWT larger than " + MAX_TOKEN_BYTES + " bytes");
    }
    try {
      CborValue item = Cbor.decode(token, TOKEN_LIMITS);
      if (item instanceof CborTag(long tag, CborValue content) && tag == TAG) {
        if (!(content instanceof CborTag inner) || inner.tag() != CoseSign1.TAG) {
          throw new CwtException("CWT tag 61 must wrap a tagged COSE_Sign1 (tag 18)");
        }
        item = content;
      }
      return CoseSign1.fromCbor(item);
    } catch (CborException | CoseException e) {
      throw new CwtException("malformed CWT: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CwtException("malformed CWT", e);
    }
  }

  /**
   * Verifies the signature of {@code token} and returns its claims.
   *
   * @param expectedAlgorithm the algorithm of {@code verifier}'s key; the token's MUST equal it
   * @throws CwtException if the token is malformed, the signature does not verify (the cause is
   *     the {@link CoseException}), or the claims set is malformed
   */
  public static CwtClaims verify(byte[] token, PublicKeyVerify verifier, CoseAlgorithm expectedAlgorithm)
      throws CwtException {
    return verify(decode(token), verifier, expectedAlgorithm);
  }

  /** As {@link #verify(byte[], PublicKeyVerify, CoseAlgorithm)}, for an already decoded token. */
  public static CwtClaims verify(CoseSign1 message, PublicKeyVerify verifier, CoseAlgorithm expectedAlgorithm)
      throws CwtException {
    try {
      message.verify(verifier, expectedAlgorithm, new byte[0]);
    } catch (CoseException e) {
      throw new CwtException("CWT signature invalid: " + e.getMessage(), e);
    }
    return CwtClaims.decode(message.payload().orElseThrow(), MAX_TOKEN_BYTES);
  }
}
