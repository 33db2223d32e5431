package dev.castellan.core.hpke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HpkeTest {
  static final byte[] INFO = "castellan test".getBytes(StandardCharsets.UTF_8);
  static final byte[] AAD = "aad".getBytes(StandardCharsets.UTF_8);
  static final byte[] MESSAGE = "attack at dawn".getBytes(StandardCharsets.UTF_8);

  static List<HpkeSuite> suites() {
    List<HpkeSuite> suites = new ArrayList<>();
    for (HpkeKem kem : HpkeKem.values()) {
      for (HpkeAead aead : HpkeAead.values()) {
        suites.add(new HpkeSuite(kem, HpkeKdf.HKDF_SHA256, aead));
      }
    }
    return suites;
  }

  @Test
  void open_aes256SealedMessageUnderTheAes128Suite_throws() throws Exception {
    // RFC 9180 binds the suite into every derived key (suite_id): the broker's AES-256-GCM
    // answers must not open under any other suite, even with the right recipient key.
    HpkeSuite broker = HpkeSuite.X25519_SHA256_AES256GCM;
    HpkeSuite other = new HpkeSuite(broker.kem(), broker.kdf(), HpkeAead.AES_128_GCM);
    HpkePrivateKey recipient = Hpke.generateKeyPair(broker.kem());
    SealedMessage sealed = Hpke.seal(broker, recipient.publicKey(), INFO, AAD, MESSAGE);
    assertThat(broker.aead().id()).isEqualTo(0x0002);
    assertThat(broker.aead().keyLength()).isEqualTo(32);
    assertThatThrownBy(() -> Hpke.open(other, sealed.enc(), recipient, INFO, AAD, sealed.ciphertext()))
        .isInstanceOf(HpkeException.class);
  }

  @ParameterizedTest
  @MethodSource("suites")
  void open_sealedWithRandomKeys_returnsPlaintext(HpkeSuite suite) throws Exception {
    HpkePrivateKey recipient = Hpke.generateKeyPair(suite.kem());
    SealedMessage sealed = Hpke.seal(suite, recipient.publicKey(), INFO, AAD, MESSAGE);
    assertThat(sealed.enc()).hasSize(suite.kem().publicKeyLength());
    assertThat(sealed.ciphertext()).hasSize(MESSAGE.length + suite.aead().tagLength());
    assertThat(Hpke.open(suite, sealed.enc(), recipient, INFO, AAD, sealed.ciphertext()))
        .isEqualTo(MESSAGE);
    assertThatThrownBy(
            () -> Hpke.open(suite, sealed.enc(), recipient, AAD, AAD, sealed.ciphertext()))
        .as("other info")
        .isInstanceOf(HpkeException.class);
  }

  @ParameterizedTest
  @MethodSource("suites")
  void openAuth_sealedWithRandomKeys_returnsPlaintextOnlyForTheSender(HpkeSuite suite)
      throws Exception {
    HpkePrivateKey recipient = Hpke.generateKeyPair(suite.kem());
    HpkePrivateKey sender = Hpke.generateKeyPair(suite.kem());
    HpkePrivateKey impostor = Hpke.generateKeyPair(suite.kem());
    SealedMessage sealed = Hpke.sealAuth(suite, recipient.publicKey(), INFO, AAD, MESSAGE, sender);
    assertThat(
            Hpke.openAuth(
                suite, sealed.enc(), recipient, INFO, AAD, sealed.ciphertext(), sender.publicKey()))
        .isEqualTo(MESSAGE);
    assertThatThrownBy(
            () ->
                Hpke.openAuth(
                    suite,
                    sealed.enc(),
                    recipient,
                    INFO,
                    AAD,
                    sealed.ciphertext(),
                    impostor.publicKey()))
        .isInstanceOf(HpkeException.class);
    assertThatThrownBy(
            () -> Hpke.open(suite, sealed.enc(), recipient, INFO, AAD, sealed.ciphertext()))
        .as("auth message opened in base mode")
        .isInstanceOf(HpkeException.class);
  }

  @ParameterizedTest
  @MethodSource("suites")
  void open_manyMessagesInOrder_returnsEachAndFailedOpenDoesNotAdvance(HpkeSuite suite)
      throws Exception {
    HpkePrivateKey recipientKey = Hpke.generateKeyPair(suite.kem());
    SenderContext sender = Hpke.setupBaseSender(suite, recipientKey.publicKey(), INFO);
    RecipientContext recipient = Hpke.setupBaseRecipient(suite, sender.enc(), recipientKey, INFO);
    for (int i = 0; i < 10; i++) {
      byte[] pt = ("message " + i).getBytes(StandardCharsets.UTF_8);
      byte[] ct = sender.seal(AAD, pt);
      byte[] bad = ct.clone();
      bad[0] ^= 1;
      assertThatThrownBy(() -> recipient.open(AAD, bad)).isInstanceOf(HpkeException.class);
      assertThat(recipient.open(AAD, ct)).isEqualTo(pt);
    }
    byte[] first = sender.seal(AAD, MESSAGE);
    sender.seal(AAD, MESSAGE);
    assertThat(recipient.open(AAD, first)).isEqualTo(MESSAGE);
  }

  @Test
  void seal_atMessageLimit_throws() throws Exception {
    HpkeSuite suite = HpkeSuite.X25519_SHA256_CHACHA20POLY1305;
    HpkePrivateKey recipientKey = Hpke.generateKeyPair(suite.kem());
    SenderContext sender = Hpke.setupBaseSender(suite, recipientKey.publicKey(), INFO);
    RecipientContext recipient = Hpke.setupBaseRecipient(suite, sender.enc(), recipientKey, INFO);
    sender.setSequenceNumber(Long.MAX_VALUE - 1);
    recipient.setSequenceNumber(Long.MAX_VALUE - 1);
    byte[] last = sender.seal(AAD, MESSAGE);
    assertThat(recipient.open(AAD, last)).isEqualTo(MESSAGE);
    assertThatThrownBy(() -> sender.seal(AAD, MESSAGE))
        .isInstanceOf(HpkeException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> recipient.open(AAD, last))
        .isInstanceOf(HpkeException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void export_lengthAbove255Nh_throws() throws Exception {
    HpkeSuite suite = HpkeSuite.P256_SHA256_AES128GCM;
    SenderContext sender =
        Hpke.setupBaseSender(suite, Hpke.generateKeyPair(suite.kem()).publicKey(), INFO);
    assertThat(sender.export(new byte[0], 255 * 32)).hasSize(255 * 32);
    assertThatThrownBy(() -> sender.export(new byte[0], 255 * 32 + 1))
        .isInstanceOf(HpkeException.class);
    assertThatThrownBy(() -> sender.export(new byte[0], -1)).isInstanceOf(HpkeException.class);
  }

  @Test
  void setupBaseRecipient_x25519SmallOrderEnc_throws() throws Exception {
    HpkeSuite suite = HpkeSuite.X25519_SHA256_CHACHA20POLY1305;
    HpkePrivateKey recipient = Hpke.generateKeyPair(suite.kem());
    byte[] zero = new byte[32];
    byte[] one = new byte[32];
    one[0] = 1;
    for (byte[] enc : new byte[][] {zero, one}) {
      assertThatThrownBy(() -> Hpke.setupBaseRecipient(suite, enc, recipient, INFO))
          .isInstanceOf(HpkeException.class)
          .hasMessageContaining("small order");
    }
    assertThatThrownBy(() -> Hpke.setupBaseRecipient(suite, new byte[31], recipient, INFO))
        .isInstanceOf(HpkeException.class);
  }

  @Test
  void setupBaseRecipient_p256EncNotOnCurveOrCompressed_throws() throws Exception {
    HpkeSuite suite = HpkeSuite.P256_SHA256_AES128GCM;
    HpkePrivateKey recipient = Hpke.generateKeyPair(suite.kem());
    byte[] offCurve = recipient.publicKey().toBytes();
    offCurve[64] ^= 1;
    byte[] compressed = new byte[33];
    compressed[0] = 0x02;
    byte[] infinity = new byte[65];
    for (byte[] enc : new byte[][] {offCurve, compressed, infinity, new byte[] {0}}) {
      assertThatThrownBy(() -> Hpke.setupBaseRecipient(suite, enc, recipient, INFO))
          .isInstanceOf(HpkeException.class);
    }
    assertThatThrownBy(() -> HpkePublicKey.fromBytes(suite.kem(), offCurve))
        .isInstanceOf(HpkeException.class);
  }

  @Test
  void privateKey_p256ZeroOrShortIkm_throws() {
    assertThatThrownBy(() -> HpkePrivateKey.fromBytes(HpkeKem.DHKEM_P256_HKDF_SHA256, new byte[32]))
        .isInstanceOf(HpkeException.class);
    assertThatThrownBy(() -> Hpke.deriveKeyPair(HpkeKem.DHKEM_X25519_HKDF_SHA256, new byte[31]))
        .isInstanceOf(HpkeException.class);
  }

  @Test
  void setupBaseSender_keyOfOtherKem_throws() {
    HpkePrivateKey x25519 = Hpke.generateKeyPair(HpkeKem.DHKEM_X25519_HKDF_SHA256);
    assertThatThrownBy(
            () -> Hpke.setupBaseSender(HpkeSuite.P256_SHA256_AES128GCM, x25519.publicKey(), INFO))
        .isInstanceOf(HpkeException.class)
        .hasMessageContaining("suite uses");
  }

  @Test
  void privateKey_toString_redactsSecret() throws Exception {
    byte[] secret = new byte[32];
    java.util.Arrays.fill(secret, (byte) 0x5a);
    HpkePrivateKey key = HpkePrivateKey.fromBytes(HpkeKem.DHKEM_X25519_HKDF_SHA256, secret);
    assertThat(key.toString()).doesNotContain("5a5a5a5a").contains("redacted");
  }

  @Test
  void privateKey_destroyingReturnedSecret_leavesKeyIntact() throws Exception {
    HpkeSuite suite = HpkeSuite.X25519_SHA256_CHACHA20POLY1305;
    HpkePrivateKey recipient = Hpke.generateKeyPair(suite.kem());
    SealedMessage sealed = Hpke.seal(suite, recipient.publicKey(), INFO, AAD, MESSAGE);
    recipient.secret().destroy();
    assertThat(Hpke.open(suite, sealed.enc(), recipient, INFO, AAD, sealed.ciphertext()))
        .isEqualTo(MESSAGE);
  }
}
