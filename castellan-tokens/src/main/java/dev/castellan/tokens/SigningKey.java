package dev.castellan.tokens;

import dev.castellan.core.cose.CoseAlgorithm;
import dev.castellan.core.signature.EcdsaPrivateKey;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.EcdsaSigner;
import dev.castellan.core.signature.Ed25519PrivateKey;
import dev.castellan.core.signature.Ed25519Signer;
import dev.castellan.core.signature.PublicKeySign;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

/**
 * An authority's private signing key with its public half: signs the COSE {@code
 * Sig_structure} of tokens, key sets, revocation lists and envelope signatures. ES256
 * signatures are raw {@code r || s} with RFC 6979 nonces. The private key MUST NOT appear in
 * {@code toString}, exceptions or logs. Safe for concurrent use.
 */
public final class SigningKey implements PublicKeySign {
  private final PublicKeySign signer;
  private final AuthorityPublicKey publicKey;

  private SigningKey(PublicKeySign signer, AuthorityPublicKey publicKey) {
    this.signer = signer;
    this.publicKey = publicKey;
  }

  /** An ES256 signing key; it MUST be on P-256. */
  public static SigningKey ecdsaP256(EcdsaPrivateKey key) throws InvalidKeyException {
    return new SigningKey(
        EcdsaSigner.create(key, EcdsaSignatureEncoding.IEEE_P1363), AuthorityPublicKey.ecdsaP256(key.publicKey()));
  }

  /** An EdDSA (Ed25519) signing key. */
  public static SigningKey ed25519(Ed25519PrivateKey key) {
    return new SigningKey(Ed25519Signer.create(key), AuthorityPublicKey.ed25519(key.publicKey()));
  }

  public AuthorityPublicKey publicKey() {
    return publicKey;
  }

  public KeyId keyId() {
    return publicKey.keyId();
  }

  public CoseAlgorithm algorithm() {
    return publicKey.algorithm();
  }

  /** Signs {@code toBeSigned} (a COSE Sig_structure) in the COSE encoding of the algorithm. */
  @Override
  public byte[] sign(byte[] toBeSigned) throws GeneralSecurityException {
    return signer.sign(toBeSigned);
  }

  @Override
  public String toString() {
    return "SigningKey[" + publicKey.algorithm() + ", kid=" + publicKey.keyId() + ", private key redacted]";
  }
}
