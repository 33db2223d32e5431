package dev.castellan.server.payload;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.Secp256k1EcdsaSigner;
import dev.castellan.core.signature.Secp256k1PrivateKey;
import dev.castellan.server.http.ResponseSigner;
import dev.castellan.server.http.SignedExchange;
import java.util.Map;

/**
 * Signs every response of a payload service: {@value #SIGNATURE_HEADER} is the DER ECDSA
 * signature (secp256k1, SHA-256, low S) over the response body's SHA-256, in hex, and {@value
 * #PUBKEY_HEADER} the compressed public key in hex (a hint; a verifier uses the key from the
 * service's leaf, never this header).
 */
final class ServiceResponseSigner implements ResponseSigner {
  static final String SIGNATURE_HEADER = "X-Service-Signature";
  static final String PUBKEY_HEADER = "X-Service-Pubkey";

  private final Secp256k1EcdsaSigner signer;
  private final String publicKey;

  ServiceResponseSigner(Secp256k1PrivateKey key) {
    this.signer = Secp256k1EcdsaSigner.create(key, EcdsaSignatureEncoding.DER);
    this.publicKey = Hex.encode(key.publicKey().toBytes());
  }

  @Override
  public Map<String, String> headers(SignedExchange exchange) throws java.security.GeneralSecurityException {
    return Map.of(SIGNATURE_HEADER, Hex.encode(signer.signDigest(exchange.bodySha256())), PUBKEY_HEADER, publicKey);
  }
}
