package dev.castellan.server.http;

import java.security.GeneralSecurityException;
import java.util.Map;

/**
 * Adds authentication headers to every response, computed over the exact bytes sent and
 * the request they answer. The oracle's implementation signs SHA-256(body) with the
 * per-boot attestation key (BIP-340, {@code X-Attestation-Signature}) and adds an RFC 9421
 * message signature bound to the request ({@link MessageSignature}).
 */
@FunctionalInterface
public interface ResponseSigner {
  /** Headers to add for {@code exchange}; MUST be safe for concurrent use. */
  Map<String, String> headers(SignedExchange exchange) throws GeneralSecurityException;

  ResponseSigner NONE = exchange -> Map.of();
}
