package dev.castellan.core.hpke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.bytes.Hex;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The 8 RFC 9180 Appendix A vectors of hpke/rfc9180-appendix-a-filtered.json (Base and Auth modes,
 * X25519 and P-256, AES-128-GCM and ChaCha20Poly1305), every encryption and export.
 */
class HpkeVectorTest {
  static final String FILE = "hpke/rfc9180-appendix-a-filtered.json";

  record Encryption(long seq, byte[] pt, byte[] aad, byte[] ct) {}

  record Export(byte[] context, int length, byte[] value) {}

  record Vector(
      String name,
      HpkeSuite suite,
      boolean auth,
      JsonNode json,
      byte[] info,
      byte[] enc,
      List<Encryption> encryptions,
      List<Export> exports) {
    byte[] hex(String field) {
      return Hex.decode(json.get(field).asString());
    }

    HpkePrivateKey derive(String ikmField) throws HpkeException {
      return Hpke.deriveKeyPair(suite.kem(), hex(ikmField));
    }

    SenderContext sender() throws HpkeException {
      HpkePublicKey pkR = HpkePublicKey.fromBytes(suite.kem(), hex("pkRm"));
      HpkePrivateKey ephemeral = derive("ikmE");
      return auth
          ? Hpke.setupAuthSender(suite, pkR, info, derive("ikmS"), ephemeral)
          : Hpke.setupBaseSender(suite, pkR, info, ephemeral);
    }

    RecipientContext recipient(byte[] enc, HpkePublicKey pkS) throws HpkeException {
      HpkePrivateKey skR = derive("ikmR");
      return auth
          ? Hpke.setupAuthRecipient(suite, enc, skR, info, pkS)
          : Hpke.setupBaseRecipient(suite, enc, skR, info);
    }

    RecipientContext recipient() throws HpkeException {
      return recipient(enc, auth ? HpkePublicKey.fromBytes(suite.kem(), hex("pkSm")) : null);
    }
  }

  static List<Vector> vectors() {
    List<Vector> out = new ArrayList<>();
    for (JsonNode v : Vectors.json(FILE)) {
      List<Encryption> encryptions = new ArrayList<>();
      for (JsonNode e : v.get("encryptions")) {
        encryptions.add(
            new Encryption(
                e.get("sequence_number").asLong(),
                Hex.decode(e.get("pt").asString()),
                Hex.decode(e.get("aad").asString()),
                Hex.decode(e.get("ct").asString())));
      }
      List<Export> exports = new ArrayList<>();
      for (JsonNode e : v.get("exports")) {
        exports.add(
            new Export(
                Hex.decode(e.get("exporter_context").asString()),
                e.get("L").asInt(),
                Hex.decode(e.get("exported_value").asString())));
      }
      out.add(
          new Vector(
              v.get("suite_name").asString() + " / " + v.get("mode_name").asString(),
              new HpkeSuite(
                  kem(v.get("kem_id").asInt()),
                  kdf(v.get("kdf_id").asInt()),
                  aead(v.get("aead_id").asInt())),
              v.get("mode").asInt() == 2,
              v,
              Hex.decode(v.get("info").asString()),
              Hex.decode(v.get("enc").asString()),
              encryptions,
              exports));
    }
    return out;
  }

  static HpkeKem kem(int id) {
    for (HpkeKem kem : HpkeKem.values()) {
      if (kem.id() == id) {
        return kem;
      }
    }
    throw new IllegalArgumentException("unknown kem_id " + id);
  }

  static HpkeKdf kdf(int id) {
    for (HpkeKdf kdf : HpkeKdf.values()) {
      if (kdf.id() == id) {
        return kdf;
      }
    }
    throw new IllegalArgumentException("unknown kdf_id " + id);
  }

  static HpkeAead aead(int id) {
    for (HpkeAead aead : HpkeAead.values()) {
      if (aead.id() == id) {
        return aead;
      }
    }
    throw new IllegalArgumentException("unknown aead_id " + id);
  }

  @Test
  void deriveKeyPair_rfc9180Vectors_matchesSkAndPk() {
    Failures failures = new Failures();
    for (Vector v : vectors()) {
      for (String who : v.auth() ? new String[] {"E", "R", "S"} : new String[] {"E", "R"}) {
        failures.check(
            v.name() + " ikm" + who,
            () -> {
              HpkePrivateKey key = v.derive("ikm" + who);
              assertThat(Hex.encode(key.secret().toByteArray()))
                  .as("sk")
                  .isEqualTo(Hex.encode(v.hex("sk" + who + "m")));
              assertThat(Hex.encode(key.publicKey().toBytes()))
                  .as("pk")
                  .isEqualTo(Hex.encode(v.hex("pk" + who + "m")));
              assertThat(
                      HpkePrivateKey.fromBytes(v.suite().kem(), v.hex("sk" + who + "m"))
                          .publicKey())
                  .isEqualTo(key.publicKey());
            });
      }
    }
    failures.assertNone(8 * 2 + 4);
  }

  /**
   * Seals every sequence number from 0 to the largest listed, so 255 and 256 are reached honestly.
   */
  @Test
  void seal_rfc9180Vectors_matchesEncAndEveryCiphertext() {
    Failures failures = new Failures();
    for (Vector v : vectors()) {
      failures.check(
          v.name(),
          () -> {
            SenderContext sender = v.sender();
            assertThat(Hex.encode(sender.enc())).as("enc").isEqualTo(Hex.encode(v.enc()));
            long last = v.encryptions().getLast().seq();
            int next = 0;
            for (long seq = 0; seq <= last; seq++) {
              Encryption e = v.encryptions().get(next);
              if (e.seq() == seq) {
                assertThat(Hex.encode(sender.seal(e.aad(), e.pt())))
                    .as("ct at seq " + seq)
                    .isEqualTo(Hex.encode(e.ct()));
                next++;
              } else {
                sender.seal(new byte[0], new byte[0]);
              }
            }
            assertThat(next).isEqualTo(v.encryptions().size()).isEqualTo(6);
          });
    }
    failures.assertNone(8);
  }

  @Test
  void open_rfc9180Vectors_returnsEveryPlaintext() {
    Failures failures = new Failures();
    for (Vector v : vectors()) {
      for (Encryption e : v.encryptions()) {
        failures.check(
            v.name() + " seq " + e.seq(),
            () -> {
              RecipientContext recipient = v.recipient();
              recipient.setSequenceNumber(e.seq());
              assertThat(Hex.encode(recipient.open(e.aad(), e.ct()))).isEqualTo(Hex.encode(e.pt()));
            });
      }
    }
    failures.assertNone(8 * 6);
  }

  @Test
  void export_rfc9180Vectors_matchesOnBothSides() {
    Failures failures = new Failures();
    for (Vector v : vectors()) {
      for (Export x : v.exports()) {
        failures.check(
            v.name() + " export " + Hex.encode(x.context()),
            () -> {
              assertThat(Hex.encode(v.sender().export(x.context(), x.length())))
                  .as("sender")
                  .isEqualTo(Hex.encode(x.value()));
              assertThat(Hex.encode(v.recipient().export(x.context(), x.length())))
                  .as("recipient")
                  .isEqualTo(Hex.encode(x.value()));
            });
      }
    }
    failures.assertNone(8 * 3);
  }

  /**
   * Flipped ciphertext and aad bytes are tried on one recipient context per encryption: a failed
   * open must not advance the sequence number, so the genuine message still opens last.
   */
  @Test
  void open_flippedCiphertextOrAadByte_throwsAndLeavesContextUsable() {
    Failures failures = new Failures();
    for (Vector v : vectors()) {
      for (Encryption e : v.encryptions()) {
        failures.check(
            v.name() + " seq " + e.seq(),
            () -> {
              RecipientContext recipient = v.recipient();
              recipient.setSequenceNumber(e.seq());
              for (int i = 0; i < e.ct().length; i++) {
                byte[] ct = e.ct().clone();
                ct[i] ^= 0x01;
                expectThrows(recipient, e.aad(), ct, "ct[" + i + "]");
              }
              for (int i = 0; i < e.aad().length; i++) {
                byte[] aad = e.aad().clone();
                aad[i] ^= (byte) 0x80;
                expectThrows(recipient, aad, e.ct(), "aad[" + i + "]");
              }
              expectThrows(
                  recipient,
                  e.aad(),
                  java.util.Arrays.copyOf(e.ct(), e.ct().length - 1),
                  "truncated");
              expectThrows(recipient, e.aad(), new byte[0], "empty");
              assertThat(recipient.open(e.aad(), e.ct()))
                  .as("genuine after failures")
                  .isEqualTo(e.pt());
            });
      }
    }
    failures.assertNone(8 * 6);
  }

  @Test
  void setupRecipient_flippedEncByteOrWrongSenderKey_throwsHpkeException() {
    Failures failures = new Failures();
    for (Vector v : vectors()) {
      Encryption first = v.encryptions().getFirst();
      for (int i = 0; i < v.enc().length; i++) {
        byte[] enc = v.enc().clone();
        enc[i] ^= 0x01;
        failures.check(
            v.name() + " enc[" + i + "]",
            () -> expectOpenFails(v, enc, null, first, first.aad(), first.ct()));
      }
      if (v.auth()) {
        failures.check(
            v.name() + " wrong pkS",
            () ->
                expectOpenFails(
                    v, v.enc(), v.derive("ikmE").publicKey(), first, first.aad(), first.ct()));
      }
    }
    failures.assertNone(4 * 32 + 4 * 65 + 4);
  }

  private static void expectThrows(RecipientContext recipient, byte[] aad, byte[] ct, String what) {
    try {
      recipient.open(aad, ct);
    } catch (HpkeException expected) {
      return;
    }
    throw new AssertionError("opened a message with a modified " + what);
  }

  /** Set-up or open must throw HpkeException: never another exception, never plaintext. */
  private static void expectOpenFails(
      Vector v, byte[] enc, HpkePublicKey wrongPkS, Encryption e, byte[] aad, byte[] ct)
      throws Exception {
    try {
      RecipientContext recipient =
          wrongPkS == null
              ? v.recipient(
                  enc, v.auth() ? HpkePublicKey.fromBytes(v.suite().kem(), v.hex("pkSm")) : null)
              : v.recipient(enc, wrongPkS);
      recipient.setSequenceNumber(e.seq());
      recipient.open(aad, ct);
    } catch (HpkeException expected) {
      return;
    }
    throw new AssertionError("opened a modified message");
  }
}
