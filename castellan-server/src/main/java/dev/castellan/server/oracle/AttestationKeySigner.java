package dev.castellan.server.oracle;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.signature.Bip340Signer;
import dev.castellan.core.signature.Secp256k1PrivateKey;
import dev.castellan.server.http.MessageSignature;
import dev.castellan.server.http.ResponseSigner;
import dev.castellan.server.http.SignedExchange;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs every response with the per-boot attestation key, twice:
 *
 * <ul>
 *   <li>seed 001, kept unchanged for seed clients: {@code X-Attestation-Signature} is the hex
 *       BIP-340 signature of SHA-256(body), and {@code X-Attestation-Pubkey} the hex
 *       compressed public key, whose SHA-256 is {@code appKeyHash} in the attestation user
 *       data. It does not say which request the body answers;
 *   <li>an RFC 9421 message signature ({@code Signature-Input}, {@code Signature}) over the
 *       request's method, path and query, the status, content type and {@code
 *       Content-Digest}, with {@code created}, {@code keyid} (the same hex public key) and the
 *       request's {@code Castellan-Nonce}: a signed body cannot be replayed under another
 *       request, status or nonce. The signature is BIP-340 over SHA-256 of the signature
 *       base ({@link MessageSignature}).
 * </ul>
 */
public final class AttestationKeySigner implements ResponseSigner {
  public static final String SIGNATURE_HEADER = "X-Attestation-Signature";
  public static final String PUBKEY_HEADER = "X-Attestation-Pubkey";

  /** Bodies whose seed signature is kept: the fixed ones (info, enclave-info, healthz, errors) and then some. */
  static final int BODY_SIGNATURE_CACHE = 256;

  private final Bip340Signer signer;
  private final String publicKeyHex;
  private final Clock clock;
  /**
   * Seed signatures by SHA-256(body). The seed signature depends on nothing but the body, so
   * one valid signature serves every identical body (BIP-340 reveals nothing when the same
   * message's signature is shown twice); the request-bound signature is made fresh every
   * time. This keeps the fixed-body endpoints at one signing operation per response.
   */
  private final java.util.concurrent.ConcurrentHashMap<java.nio.ByteBuffer, String> bodySignatures =
      new java.util.concurrent.ConcurrentHashMap<>();

  public AttestationKeySigner(Secp256k1PrivateKey attestationKey, SecureRandom random, Clock clock) {
    this.signer = Bip340Signer.create(attestationKey, random);
    this.publicKeyHex = Hex.encode(attestationKey.publicKey().toBytes());
    this.clock = clock;
  }

  public AttestationKeySigner(Secp256k1PrivateKey attestationKey, SecureRandom random) {
    this(attestationKey, random, Clock.systemUTC());
  }

  @Override
  public Map<String, String> headers(SignedExchange exchange) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(SIGNATURE_HEADER, bodySignature(exchange.bodySha256()));
    headers.put(PUBKEY_HEADER, publicKeyHex);
    String params = MessageSignature.signatureParams(clock.instant().getEpochSecond(), publicKeyHex, exchange.nonce());
    byte[] base = MessageSignature.signatureBase(exchange, params);
    byte[] signature = signer.sign(HashAlgorithm.SHA_256.hash(base));
    headers.put("Signature-Input", MessageSignature.LABEL + "=" + params);
    headers.put("Signature", MessageSignature.LABEL + "=:" + Base64.getEncoder().encodeToString(signature) + ":");
    return headers;
  }

  private String bodySignature(byte[] digest) {
    java.nio.ByteBuffer key = java.nio.ByteBuffer.wrap(digest);
    String cached = bodySignatures.get(key);
    if (cached != null) {
      return cached;
    }
    String signature = Hex.encode(signer.sign(digest));
    if (bodySignatures.size() >= BODY_SIGNATURE_CACHE) {
      bodySignatures.clear(); // bounded; varying bodies (sign, attestation) simply are not reused
    }
    bodySignatures.put(java.nio.ByteBuffer.wrap(digest.clone()), signature); // the key must not change under the map
    return signature;
  }
}
