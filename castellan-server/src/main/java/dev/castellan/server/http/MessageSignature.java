package dev.castellan.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The RFC 9421 signature base of a response and the RFC 9530 {@code Content-Digest}, as
 * pure functions; docs/http-api.md specifies the same bytes for independent verifiers.
 *
 * <p>Covered, in this order: {@code "@method";req}, {@code "@path";req}, {@code
 * "@query";req} (RFC 9421 §2.4: request components in a response signature carry
 * {@code ;req}), {@code "@status"}, {@code "content-type"}, {@code "content-digest"}.
 * Parameters: {@code created}, {@code keyid} and, when the request carried one, {@code
 * nonce}. There is no {@code alg}: RFC 9421 registers no secp256k1 or Schnorr algorithm,
 * so the algorithm is fixed by the key id's meaning instead (BIP-340 over SHA-256 of the
 * base, see {@link #LABEL}).
 */
public final class MessageSignature {
  /** The signature label in {@code Signature-Input} and {@code Signature}. */
  public static final String LABEL = "castellan";
  public static final String NONCE_HEADER = "Castellan-Nonce";
  /** A nonce is 16 to 128 characters of {@code [A-Za-z0-9._~+/=-]}: a valid sf-string with nothing to escape. */
  public static final int MIN_NONCE = 16;
  public static final int MAX_NONCE = 128;

  private MessageSignature() {}

  /** {@code sha-256=:<base64 SHA-256(body)>:} (RFC 9530 §2). */
  public static String contentDigest(byte[] body) {
    return contentDigestOf(sha256(body));
  }

  /** The {@code Content-Digest} value for a body whose SHA-256 is {@code bodySha256}. */
  public static String contentDigestOf(byte[] bodySha256) {
    return "sha-256=:" + Base64.getEncoder().encodeToString(bodySha256) + ":";
  }

  static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }

  /** The value of {@code @signature-params}, also the member value in {@code Signature-Input}. */
  public static String signatureParams(long created, String keyId, java.util.Optional<String> nonce) {
    StringBuilder params = new StringBuilder(
        "(\"@method\";req \"@path\";req \"@query\";req \"@status\" \"content-type\" \"content-digest\")");
    params.append(";created=").append(created);
    params.append(";keyid=\"").append(keyId).append('"');
    nonce.ifPresent(n -> params.append(";nonce=\"").append(n).append('"'));
    return params.toString();
  }

  /** The signature base (RFC 9421 §2.5), lines joined by LF, no trailing LF. */
  public static byte[] signatureBase(SignedExchange exchange, String signatureParams) {
    String base = "\"@method\";req: " + exchange.method() + "\n"
        + "\"@path\";req: " + (exchange.rawPath().isEmpty() ? "/" : exchange.rawPath()) + "\n"
        + "\"@query\";req: ?" + exchange.rawQuery() + "\n"
        + "\"@status\": " + exchange.status() + "\n"
        + "\"content-type\": " + exchange.contentType().trim() + "\n"
        + "\"content-digest\": " + exchange.contentDigest() + "\n"
        + "\"@signature-params\": " + signatureParams;
    return base.getBytes(StandardCharsets.US_ASCII);
  }

  /** True if {@code nonce} may be signed as given: bounded and needing no sf-string escapes. */
  public static boolean validNonce(String nonce) {
    if (nonce.length() < MIN_NONCE || nonce.length() > MAX_NONCE) {
      return false;
    }
    for (int i = 0; i < nonce.length(); i++) {
      char c = nonce.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "._~+/=-".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
