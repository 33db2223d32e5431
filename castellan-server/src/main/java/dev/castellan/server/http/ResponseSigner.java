package dev.castellan.server.http;

import java.security.GeneralSecurityException;
import java.util.Map;

/**
 * Adds authentication headers to every response, computed over the exact body bytes sent.
 * The oracle's implementation signs SHA-256(body) with the per-boot attestation key
 * (BIP-340) and names the key, so a client can check each response independently of TLS.
 */
@FunctionalInterface
public interface ResponseSigner {
  /** Headers to add for {@code body}; MUST be safe for concurrent use. */
  Map<String, String> headers(byte[] body) throws GeneralSecurityException;

  ResponseSigner NONE = body -> Map.of();
}
