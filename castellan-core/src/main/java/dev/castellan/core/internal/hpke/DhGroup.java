package dev.castellan.core.internal.hpke;

import dev.castellan.core.hpke.HpkeException;
import java.security.SecureRandom;

/**
 * The Diffie-Hellman group under a DHKEM (RFC 9180 §4.1): key serialisation and validation, key
 * derivation from a pseudorandom key, and DH itself. Private keys are byte strings of {@link
 * #privateKeyLength()} octets (SerializePrivateKey form); public keys are SerializePublicKey
 * strings.
 */
sealed interface DhGroup permits X25519Group, P256Group {
  /** Nsk. */
  int privateKeyLength();

  /** Npk (= Nenc for both DHKEMs here). */
  int publicKeyLength();

  /** Throws unless {@code sk} is a valid serialised private key. */
  void validatePrivateKey(byte[] sk) throws HpkeException;

  /** DeserializePublicKey: throws unless {@code pk} is a valid public key (on the curve). */
  void validatePublicKey(byte[] pk) throws HpkeException;

  /** pk(sk), serialised. {@code sk} MUST already be valid. */
  byte[] publicKey(byte[] sk);

  /** DH(sk, pk): the shared value; throws when it is degenerate (all zero, or infinity). */
  byte[] dh(byte[] sk, byte[] pk) throws HpkeException;

  /** The body of DeriveKeyPair after dkp_prk (RFC 9180 §7.1.3), returning sk. */
  byte[] deriveSecret(Hkdf hkdf, byte[] suiteId, byte[] dkpPrk) throws HpkeException;

  /** GenerateKeyPair: a uniformly random valid private key. */
  byte[] generateSecret(SecureRandom random);
}
