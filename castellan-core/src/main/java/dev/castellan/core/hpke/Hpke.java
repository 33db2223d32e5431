package dev.castellan.core.hpke;

import dev.castellan.core.internal.hpke.AeadContext;
import dev.castellan.core.internal.hpke.Dhkem;
import dev.castellan.core.internal.hpke.KeySchedule;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Hybrid Public Key Encryption, RFC 9180, in modes Base (§5.1.1) and Auth (§5.1.3), for the suites
 * {@link HpkeKem} × {@link HpkeKdf} × {@link HpkeAead}.
 *
 * <p>Contract: the sender MUST know the recipient's public key from a trusted source (in Castellan:
 * bound into attestation evidence). Base mode authenticates nothing about the sender; Auth mode
 * proves possession of the sender's private key {@code skS} to a recipient who knows {@code pkS}.
 * {@code info} binds the context to the application (use a distinct value per protocol); {@code
 * aad} is authenticated but not encrypted. Every failure to set up or open is an {@link
 * HpkeException}, never an unchecked exception or a partial plaintext. Ephemeral keys come from a
 * {@link SecureRandom}; nothing here is deterministic except in tests, which inject the ephemeral
 * key through package-private overloads.
 *
 * <p>Built over the JCA for the AEADs and HMAC, and BouncyCastle's constant-time X25519 and P-256
 * arithmetic, rather than BouncyCastle's {@code crypto.hpke} package: the KEM, key schedule and
 * context are a few hundred lines in {@code internal.hpke} that map one-to-one onto the RFC's
 * pseudocode. BouncyCastle's HPKE works on untyped {@code AsymmetricKeyParameter}s, reports a
 * malformed key or encapsulation with unchecked exceptions, and its Auth-mode setup cannot take a
 * fixed ephemeral key for known-answer tests. The design note is docs/design/vrf-hpke.md.
 */
public final class Hpke {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Hpke() {}

  /** GenerateKeyPair: a fresh random key pair for {@code kem}. */
  public static HpkePrivateKey generateKeyPair(HpkeKem kem, SecureRandom random) {
    try {
      return HpkePrivateKey.ofValidated(kem, Dhkem.of(kem).generatePrivateKey(random));
    } catch (HpkeException e) {
      throw new IllegalStateException("a generated private key failed validation", e);
    }
  }

  /** GenerateKeyPair with the platform's default {@link SecureRandom}. */
  public static HpkePrivateKey generateKeyPair(HpkeKem kem) {
    return generateKeyPair(kem, RANDOM);
  }

  /**
   * DeriveKeyPair(ikm) (RFC 9180 §7.1.3): the same {@code ikm} always gives the same key pair.
   * {@code ikm} MUST hold at least Nsk octets of entropy and MUST NOT be reused elsewhere.
   *
   * @throws HpkeException when {@code ikm} is shorter than Nsk
   */
  public static HpkePrivateKey deriveKeyPair(HpkeKem kem, byte[] ikm) throws HpkeException {
    return HpkePrivateKey.ofValidated(kem, Dhkem.of(kem).derivePrivateKey(ikm));
  }

  /** SetupBaseS(pkR, info): a fresh ephemeral key, encapsulated to {@code pkR}. */
  public static SenderContext setupBaseSender(HpkeSuite suite, HpkePublicKey pkR, byte[] info)
      throws HpkeException {
    return setupBaseSender(suite, pkR, info, generateKeyPair(suite.kem()));
  }

  static SenderContext setupBaseSender(
      HpkeSuite suite, HpkePublicKey pkR, byte[] info, HpkePrivateKey ephemeral)
      throws HpkeException {
    requireKem(suite, pkR.kem(), ephemeral.kem());
    byte[] skE = ephemeral.secretCopy();
    try {
      return sender(
          suite, KeySchedule.MODE_BASE, Dhkem.of(suite.kem()).encap(pkR.encoded(), skE, ephemeral.publicKey().encoded()),
          info);
    } finally {
      Arrays.fill(skE, (byte) 0);
    }
  }

  /** SetupAuthS(pkR, info, skS): like Base, and authenticates the sender's key {@code skS}. */
  public static SenderContext setupAuthSender(
      HpkeSuite suite, HpkePublicKey pkR, byte[] info, HpkePrivateKey skS) throws HpkeException {
    return setupAuthSender(suite, pkR, info, skS, generateKeyPair(suite.kem()));
  }

  static SenderContext setupAuthSender(
      HpkeSuite suite, HpkePublicKey pkR, byte[] info, HpkePrivateKey skS, HpkePrivateKey ephemeral)
      throws HpkeException {
    requireKem(suite, pkR.kem(), skS.kem(), ephemeral.kem());
    byte[] skE = ephemeral.secretCopy();
    byte[] sender = skS.secretCopy();
    try {
      return sender(
          suite,
          KeySchedule.MODE_AUTH,
          Dhkem.of(suite.kem())
              .authEncap(pkR.encoded(), sender, skS.publicKey().encoded(), skE, ephemeral.publicKey().encoded()),
          info);
    } finally {
      Arrays.fill(skE, (byte) 0);
      Arrays.fill(sender, (byte) 0);
    }
  }

  /**
   * SetupBaseR(enc, skR, info).
   *
   * @throws HpkeException when {@code enc} is not a valid public key for the suite's KEM
   */
  public static RecipientContext setupBaseRecipient(
      HpkeSuite suite, byte[] enc, HpkePrivateKey skR, byte[] info) throws HpkeException {
    requireKem(suite, skR.kem());
    byte[] recipient = skR.secretCopy();
    try {
      byte[] sharedSecret = Dhkem.of(suite.kem()).decap(enc, recipient);
      return new RecipientContext(schedule(suite, KeySchedule.MODE_BASE, sharedSecret, info));
    } finally {
      Arrays.fill(recipient, (byte) 0);
    }
  }

  /**
   * SetupAuthR(enc, skR, info, pkS). A context set up with the wrong {@code pkS} derives different
   * keys, so every open fails.
   *
   * @throws HpkeException when {@code enc} is not a valid public key for the suite's KEM
   */
  public static RecipientContext setupAuthRecipient(
      HpkeSuite suite, byte[] enc, HpkePrivateKey skR, byte[] info, HpkePublicKey pkS)
      throws HpkeException {
    requireKem(suite, skR.kem(), pkS.kem());
    byte[] recipient = skR.secretCopy();
    try {
      byte[] sharedSecret = Dhkem.of(suite.kem()).authDecap(enc, recipient, pkS.encoded());
      return new RecipientContext(schedule(suite, KeySchedule.MODE_AUTH, sharedSecret, info));
    } finally {
      Arrays.fill(recipient, (byte) 0);
    }
  }

  /** Single-shot SealBase(pkR, info, aad, pt) (§6.1). */
  public static SealedMessage seal(
      HpkeSuite suite, HpkePublicKey pkR, byte[] info, byte[] aad, byte[] plaintext)
      throws HpkeException {
    SenderContext context = setupBaseSender(suite, pkR, info);
    return new SealedMessage(context.enc(), context.seal(aad, plaintext));
  }

  /** Single-shot OpenBase(enc, skR, info, aad, ct) (§6.1). */
  public static byte[] open(
      HpkeSuite suite, byte[] enc, HpkePrivateKey skR, byte[] info, byte[] aad, byte[] ciphertext)
      throws HpkeException {
    return setupBaseRecipient(suite, enc, skR, info).open(aad, ciphertext);
  }

  /** Single-shot SealAuth(pkR, info, aad, pt, skS) (§6.1). */
  public static SealedMessage sealAuth(
      HpkeSuite suite,
      HpkePublicKey pkR,
      byte[] info,
      byte[] aad,
      byte[] plaintext,
      HpkePrivateKey skS)
      throws HpkeException {
    SenderContext context = setupAuthSender(suite, pkR, info, skS);
    return new SealedMessage(context.enc(), context.seal(aad, plaintext));
  }

  /** Single-shot OpenAuth(enc, skR, info, aad, ct, pkS) (§6.1). */
  public static byte[] openAuth(
      HpkeSuite suite,
      byte[] enc,
      HpkePrivateKey skR,
      byte[] info,
      byte[] aad,
      byte[] ciphertext,
      HpkePublicKey pkS)
      throws HpkeException {
    return setupAuthRecipient(suite, enc, skR, info, pkS).open(aad, ciphertext);
  }

  private static SenderContext sender(
      HpkeSuite suite, byte mode, Dhkem.Encapsulation encapsulation, byte[] info) {
    return new SenderContext(
        encapsulation.enc(), schedule(suite, mode, encapsulation.sharedSecret(), info));
  }

  private static AeadContext schedule(
      HpkeSuite suite, byte mode, byte[] sharedSecret, byte[] info) {
    return KeySchedule.derive(suite, mode, sharedSecret, Objects.requireNonNull(info, "info"));
  }

  private static void requireKem(HpkeSuite suite, HpkeKem... keyKems) throws HpkeException {
    for (HpkeKem kem : keyKems) {
      if (kem != suite.kem()) {
        throw new HpkeException(
            String.format(Locale.ROOT, "key is for %s but the suite uses %s", kem, suite.kem()));
      }
    }
  }
}
