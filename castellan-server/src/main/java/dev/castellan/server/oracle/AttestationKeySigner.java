package dev.castellan.server.oracle;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.signature.Bip340Signer;
import dev.castellan.core.signature.Secp256k1PrivateKey;
import dev.castellan.server.http.ResponseSigner;
import java.security.SecureRandom;
import java.util.Map;

/**
 * Signs every response with the per-boot attestation key (seed 001): {@code
 * X-Attestation-Signature} is the hex BIP-340 signature of SHA-256(body), and {@code
 * X-Attestation-Pubkey} the hex compressed public key, whose SHA-256 is {@code appKeyHash}
 * in the attestation user data.
 */
public final class AttestationKeySigner implements ResponseSigner {
  public static final String SIGNATURE_HEADER = "X-Attestation-Signature";
  public static final String PUBKEY_HEADER = "X-Attestation-Pubkey";

  private final Bip340Signer signer;
  private final String publicKeyHex;

  public AttestationKeySigner(Secp256k1PrivateKey attestationKey, SecureRandom random) {
    this.signer = Bip340Signer.create(attestationKey, random);
    this.publicKeyHex = Hex.encode(attestationKey.publicKey().toBytes());
  }

  @Override
  public Map<String, String> headers(byte[] body) {
    byte[] signature = signer.sign(HashAlgorithm.SHA_256.hash(body));
    return Map.of(SIGNATURE_HEADER, Hex.encode(signature), PUBKEY_HEADER, publicKeyHex);
  }
}
