package dev.castellan.tokens;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.core.cbor.CborTag;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.cose.CoseAlgorithm;
import dev.castellan.core.cose.CoseException;
import dev.castellan.core.cose.CoseHeaders;
import dev.castellan.core.cose.CoseSign1;
import dev.castellan.tokens.TokenException.Rule;
import java.util.Arrays;
import java.util.Objects;

/**
 * A capability token: a tagged COSE_Sign1 (RFC 9052 §4.2, tag 18) whose payload is a {@link
 * CapabilityClaims} CWT claims set (RFC 8392), signed with ES256 or EdDSA. The protected header
 * is exactly {@code {1: alg, 4: kid}}; the unprotected header is empty; the whole token is in
 * deterministic CBOR and at most {@value #MAX_TOKEN_BYTES} bytes.
 *
 * <p>{@link #decode} checks the format only. An instance is NOT authentic: only {@link
 * TokenVerifier#verify} decides whether a token is accepted.
 */
public final class CapabilityToken {
  /**
   * Largest accepted token. The claims' bounds allow about 4.6 KiB of text at most
   * (iss, sub 256 B each; 16 audiences of 256 B; 32 scopes of 128 B; att about 1 KiB), plus a
   * 64-byte signature and a 45-byte header: 8 KiB leaves room and stays small for a bearer.
   */
  public static final int MAX_TOKEN_BYTES = 8 * 1024;

  /** Depth: tag, array, claims map, att map, and one more for aud arrays. */
  private static final CborLimits LIMITS =
      CborLimits.DETERMINISTIC.withMaxInputBytes(MAX_TOKEN_BYTES).withMaxDepth(6).withMaxItems(512);

  private final CoseSign1 message;
  private final CoseAlgorithm algorithm;
  private final KeyId keyId;
  private final CapabilityClaims claims;

  private CapabilityToken(CoseSign1 message, CoseAlgorithm algorithm, KeyId keyId, CapabilityClaims claims) {
    this.message = message;
    this.algorithm = algorithm;
    this.keyId = keyId;
    this.claims = claims;
  }

  /** Signs {@code claims} with {@code key}; the token names the key by its thumbprint. */
  public static byte[] sign(CapabilityClaims claims, SigningKey key) throws CoseException {
    Objects.requireNonNull(claims, "claims");
    CoseHeaders protectedHeaders = CoseHeaders.builder().keyId(key.keyId().toBytes()).build();
    byte[] token = CoseSign1.sign(
        key, key.algorithm(), protectedHeaders, CoseHeaders.empty(), claims.encode(), new byte[0], true);
    if (token.length > MAX_TOKEN_BYTES) {
      throw new CoseException("token of " + token.length + " bytes exceeds " + MAX_TOKEN_BYTES);
    }
    return token;
  }

  /**
   * Decodes a token and checks its format, not its signature or validity.
   *
   * @throws TokenException with {@link Rule#MALFORMED} for anything but the documented format
   */
  public static CapabilityToken decode(byte[] token) throws TokenException {
    Objects.requireNonNull(token, "token");
    if (token.length > MAX_TOKEN_BYTES) {
      throw malformed("token of " + token.length + " bytes exceeds " + MAX_TOKEN_BYTES);
    }
    try {
      CborValue item = Cbor.decode(token, LIMITS);
      if (!(item instanceof CborTag tag) || tag.tag() != CoseSign1.TAG) {
        throw malformed("a token is a COSE_Sign1 under tag 18");
      }
      CoseSign1 message = CoseSign1.fromCbor(item);
      CoseHeaders header = message.protectedHeaders();
      if (header.labels().size() != 2 || header.keyId().isEmpty() || header.algorithm().isEmpty()) {
        throw malformed("protected header must be exactly {1: alg, 4: kid}");
      }
      if (!Arrays.equals(Cbor.encode(header.toCbor()), message.protectedBytes())) {
        throw malformed("protected header is not in deterministic encoding");
      }
      if (!message.unprotectedHeaders().isEmpty()) {
        throw malformed("unprotected header must be empty");
      }
      CoseAlgorithm algorithm = header.algorithm().orElseThrow();
      if (algorithm != CoseAlgorithm.ES256 && algorithm != CoseAlgorithm.EDDSA) {
        throw malformed("algorithm must be ES256 or EdDSA");
      }
      byte[] kid = header.keyId().orElseThrow();
      if (kid.length != KeyId.LENGTH) {
        throw malformed("kid must be a 32-byte COSE Key Thumbprint");
      }
      if (message.isDetached()) {
        throw malformed("payload must be attached");
      }
      CborValue claims = Cbor.decode(message.payload().orElseThrow(), LIMITS);
      return new CapabilityToken(message, algorithm, KeyId.of(kid), CapabilityClaims.fromCbor(claims));
    } catch (CborException | CoseException e) {
      throw malformed(e.getMessage());
    } catch (RuntimeException e) {
      // Fail closed: a defect below must not escape as an unchecked exception.
      throw new TokenException(Rule.MALFORMED, "undecodable token", e);
    }
  }

  private static TokenException malformed(String detail) {
    return new TokenException(Rule.MALFORMED, detail);
  }

  /**
   * Checks the signature with {@code key}, which MUST be the key named by {@link #keyId()}.
   *
   * @throws TokenException with {@link Rule#SIGNATURE} if the algorithm differs or the signature is invalid
   */
  public void verifySignature(AuthorityPublicKey key) throws TokenException {
    if (!key.keyId().equals(keyId)) {
      throw new TokenException(Rule.SIGNATURE, "key does not match the token's kid");
    }
    try {
      message.verify(key.verifier(), key.algorithm(), new byte[0]);
    } catch (CoseException e) {
      throw new TokenException(Rule.SIGNATURE, "signature does not verify", e);
    }
  }

  public CoseAlgorithm algorithm() {
    return algorithm;
  }

  /** The {@code kid} of the protected header. */
  public KeyId keyId() {
    return keyId;
  }

  /** The claims as decoded; not authentic before {@link #verifySignature} returned. */
  public CapabilityClaims claims() {
    return claims;
  }

  @Override
  public String toString() {
    return "CapabilityToken[" + algorithm + ", kid=" + keyId + ", " + claims + "]";
  }
}
