package dev.castellan.core.internal.hpke;

import static dev.castellan.core.bytes.Bytes.concat;

import dev.castellan.core.hpke.HpkeException;
import dev.castellan.core.hpke.HpkeKem;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;

/**
 * DHKEM(Group, HKDF-SHA256) of RFC 9180 §4.1: Encap/Decap and AuthEncap/AuthDecap over a {@link
 * DhGroup}, with ExtractAndExpand under suite_id = "KEM" || I2OSP(kem_id, 2), and DeriveKeyPair
 * (§7.1.3). The ephemeral private key is an argument so that callers decide where it comes from:
 * fresh randomness in use, a fixed value in known-answer tests.
 */
public final class Dhkem {
  private static final Dhkem X25519 =
      new Dhkem(HpkeKem.DHKEM_X25519_HKDF_SHA256, X25519Group.INSTANCE);
  private static final Dhkem P256 = new Dhkem(HpkeKem.DHKEM_P256_HKDF_SHA256, P256Group.INSTANCE);

  private final HpkeKem kem;
  private final DhGroup group;
  private final byte[] suiteId;
  private final Hkdf hkdf = Hkdf.SHA256;

  private Dhkem(HpkeKem kem, DhGroup group) {
    this.kem = kem;
    this.group = group;
    this.suiteId = new byte[] {'K', 'E', 'M', (byte) (kem.id() >>> 8), (byte) kem.id()};
  }

  public static Dhkem of(HpkeKem kem) {
    return switch (kem) {
      case DHKEM_X25519_HKDF_SHA256 -> X25519;
      case DHKEM_P256_HKDF_SHA256 -> P256;
    };
  }

  /** The shared secret and the encapsulated key of one Encap or AuthEncap. */
  public record Encapsulation(byte[] sharedSecret, byte[] enc) {}

  public void validatePrivateKey(byte[] sk) throws HpkeException {
    group.validatePrivateKey(sk);
  }

  public void validatePublicKey(byte[] pk) throws HpkeException {
    group.validatePublicKey(pk);
  }

  public byte[] publicKey(byte[] sk) {
    return group.publicKey(sk);
  }

  public byte[] generatePrivateKey(SecureRandom random) {
    return group.generateSecret(random);
  }

  /** DeriveKeyPair(ikm) (§7.1.3), returning the private key; ikm MUST have ≥ Nsk octets. */
  public byte[] derivePrivateKey(byte[] ikm) throws HpkeException {
    if (ikm.length < group.privateKeyLength()) {
      throw new HpkeException(
          String.format(
              Locale.ROOT,
              "DeriveKeyPair input keying material must have at least %d octets, got %d",
              group.privateKeyLength(),
              ikm.length));
    }
    byte[] dkpPrk = hkdf.labeledExtract(suiteId, new byte[0], "dkp_prk", ikm);
    try {
      return group.deriveSecret(hkdf, suiteId, dkpPrk);
    } finally {
      Arrays.fill(dkpPrk, (byte) 0);
    }
  }

  /**
   * Encap(pkR) with the ephemeral key pair ({@code skE}, {@code pkE}); {@code pkE} is the public
   * key of {@code skE}, already computed by the caller (a fixed-base multiplication saved).
   */
  public Encapsulation encap(byte[] pkR, byte[] skE, byte[] pkE) throws HpkeException {
    byte[] enc = pkE.clone();
    byte[] dh = group.dh(skE, pkR);
    return new Encapsulation(extractAndExpand(dh, concat(enc, pkR)), enc);
  }

  /** AuthEncap(pkR, skS) with the ephemeral key pair ({@code skE}, {@code pkE}) and the sender's {@code pkS}. */
  public Encapsulation authEncap(byte[] pkR, byte[] skS, byte[] pkS, byte[] skE, byte[] pkE)
      throws HpkeException {
    byte[] enc = pkE.clone();
    byte[] dh = concat(group.dh(skE, pkR), group.dh(skS, pkR));
    byte[] kemContext = concat(enc, pkR, pkS);
    return new Encapsulation(extractAndExpand(dh, kemContext), enc);
  }

  /** Decap(enc, skR): the shared secret. */
  public byte[] decap(byte[] enc, byte[] skR) throws HpkeException {
    group.validatePublicKey(enc);
    byte[] dh = group.dh(skR, enc);
    return extractAndExpand(dh, concat(enc, group.publicKey(skR)));
  }

  /** AuthDecap(enc, skR, pkS): the shared secret. */
  public byte[] authDecap(byte[] enc, byte[] skR, byte[] pkS) throws HpkeException {
    group.validatePublicKey(enc);
    byte[] dh = concat(group.dh(skR, enc), group.dh(skR, pkS));
    return extractAndExpand(dh, concat(enc, group.publicKey(skR), pkS));
  }

  private byte[] extractAndExpand(byte[] dh, byte[] kemContext) {
    byte[] eaePrk = hkdf.labeledExtract(suiteId, new byte[0], "eae_prk", dh);
    try {
      return hkdf.labeledExpand(
          suiteId, eaePrk, "shared_secret", kemContext, kem.sharedSecretLength());
    } finally {
      Arrays.fill(eaePrk, (byte) 0);
      Arrays.fill(dh, (byte) 0);
    }
  }
}
