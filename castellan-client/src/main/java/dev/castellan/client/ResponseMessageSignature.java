package dev.castellan.client;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.signature.Bip340Verifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies the oracle's RFC 9421 response signature (docs/http-api.md, "Response
 * signatures") against the request the client made: label {@code castellan}, components
 * exactly {@code "@method";req "@path";req "@query";req "@status" "content-type"
 * "content-digest"}, parameters exactly {@code created}, {@code keyid} (the attested key,
 * hex) and {@code nonce} (the nonce this request sent), BIP-340 over SHA-256 of the
 * signature base. The base is rebuilt from the client's own request and the received status,
 * content type and body (whose RFC 9530 digest must match {@code Content-Digest}): a signed
 * response replayed under another path, query, status or nonce does not verify.
 */
final class ResponseMessageSignature {
  static final String LABEL = "castellan";
  static final String COMPONENTS =
      "(\"@method\";req \"@path\";req \"@query\";req \"@status\" \"content-type\" \"content-digest\")";
  /** The one form the oracle sends; anything else (other order, extra parameters, alg) is refused. */
  private static final Pattern INPUT = Pattern.compile(
      Pattern.quote(LABEL + "=" + COMPONENTS) + ";created=([0-9]{1,15});keyid=\"([0-9a-f]{66})\";nonce=\"([A-Za-z0-9._~+/=-]{16,128})\"");
  private static final Pattern SIGNATURE = Pattern.compile(Pattern.quote(LABEL) + "=:([A-Za-z0-9+/]{86}==):");

  /** Why a response signature failed; the message names the path only, never response bytes. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  private ResponseMessageSignature() {}

  static void verify(OracleHttp.Exchange exchange, byte[] attestationKey, Bip340Verifier verifier) throws Invalid {
    String path = exchange.rawPath();
    String input = exchange.signatureInput().orElseThrow(() -> new Invalid(path + " carries no single Signature-Input"));
    String signatureHeader = exchange.signature().orElseThrow(() -> new Invalid(path + " carries no single Signature"));
    Matcher params = INPUT.matcher(input);
    if (!params.matches()) {
      throw new Invalid(path + ": Signature-Input is not the oracle's castellan signature form");
    }
    if (!params.group(2).equals(Hex.encode(attestationKey))) {
      throw new Invalid(path + ": the message signature names another key than the attested one");
    }
    if (!params.group(3).equals(exchange.nonce())) {
      throw new Invalid(path + ": the message signature is for another request (its nonce is not the one sent)");
    }
    String digest = "sha-256=:" + Base64.getEncoder().encodeToString(HashAlgorithm.SHA_256.hash(exchange.response().body())) + ":";
    if (!exchange.contentDigest().map(digest::equals).orElse(false)) {
      throw new Invalid(path + ": Content-Digest does not match the body received");
    }
    Matcher signature = SIGNATURE.matcher(signatureHeader);
    if (!signature.matches()) {
      throw new Invalid(path + ": Signature is not one 64-byte castellan signature");
    }
    byte[] base = signatureBase(exchange, digest, input.substring(LABEL.length() + 1));
    try {
      verifier.verify(Base64.getDecoder().decode(signature.group(1)), HashAlgorithm.SHA_256.hash(base));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new Invalid(path + ": the message signature does not cover this request and response");
    }
  }

  /** RFC 9421 §2.5, from what the client sent and what it received. */
  static byte[] signatureBase(OracleHttp.Exchange exchange, String contentDigest, String signatureParams) {
    String base = "\"@method\";req: " + exchange.method() + "\n"
        + "\"@path\";req: " + exchange.rawPath() + "\n"
        + "\"@query\";req: ?" + exchange.rawQuery() + "\n"
        + "\"@status\": " + exchange.response().status() + "\n"
        + "\"content-type\": " + exchange.contentType().orElse("").trim() + "\n"
        + "\"content-digest\": " + contentDigest + "\n"
        + "\"@signature-params\": " + signatureParams;
    return base.getBytes(StandardCharsets.US_ASCII);
  }
}
