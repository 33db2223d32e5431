package dev.castellan.client;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.signature.Bip340Verifier;
import dev.castellan.core.signature.Secp256k1PublicKey;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;

/**
 * The two response checks, both required on every response:
 *
 * <ul>
 *   <li>{@code response.signatures}: {@code X-Attestation-Signature}, BIP-340 over
 *       SHA-256(body) by the attested key (seed 001);
 *   <li>{@code response.message-signatures}: the RFC 9421 signature that binds the body to
 *       the request the client made ({@link ResponseMessageSignature}).
 * </ul>
 */
final class ResponseSignatures {
  private ResponseSignatures() {}

  static void check(OracleClient.Session s, byte[] attestationKey, List<SignedResponse> responses, OracleHttp http)
      throws OracleClient.StopException {
    Bip340Verifier verifier;
    try {
      verifier = Bip340Verifier.create(Secp256k1PublicKey.fromSec1(attestationKey).toBip340PublicKey());
    } catch (GeneralSecurityException e) {
      throw s.fail("response.signatures", "the attestation key is not a valid secp256k1 key");
    }
    for (SignedResponse response : responses) {
      String path = response.path().replaceAll("\\?.*", "");
      if (response.signatureHex().isEmpty() || response.publicKeyHex().isEmpty()) {
        throw s.fail("response.signatures", path + " carries no X-Attestation-Signature/-Pubkey");
      }
      byte[] named;
      byte[] signature;
      try {
        named = Hex.decode(response.publicKeyHex().get());
        signature = Hex.decode(response.signatureHex().get());
      } catch (IllegalArgumentException e) {
        throw s.fail("response.signatures", path + ": authentication headers are not hex");
      }
      if (!Arrays.equals(named, attestationKey)) {
        throw s.fail("response.signatures", path + " is signed by " + Hex.encode(named) + ", not the attested key");
      }
      try {
        verifier.verify(signature, HashAlgorithm.SHA_256.hash(response.body()));
      } catch (GeneralSecurityException e) {
        throw s.fail("response.signatures", path + ": the signature does not match the body");
      }
    }
    s.pass("response.signatures", responses.size() + " responses signed by the attested key");
    for (SignedResponse response : responses) {
      OracleHttp.Exchange exchange = http.exchange(response).orElseThrow(() -> s.fail("response.message-signatures",
          response.path().replaceAll("\\?.*", "") + " was not fetched by this client"));
      try {
        ResponseMessageSignature.verify(exchange, attestationKey, verifier);
      } catch (ResponseMessageSignature.Invalid e) {
        throw s.fail("response.message-signatures", e.getMessage());
      }
    }
    s.pass("response.message-signatures", responses.size()
        + " responses bound to their requests (RFC 9421: method, path, query, status, content type, digest, nonce)");
  }
}
