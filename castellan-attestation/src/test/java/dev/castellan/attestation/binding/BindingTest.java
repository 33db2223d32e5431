package dev.castellan.attestation.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class BindingTest {
  @Test
  void expectedPcr16_isSha384OfZerosAndKeyHash() throws Exception {
    byte[] pk = Hex.decode("02" + "11".repeat(32));
    MessageDigest sha384 = MessageDigest.getInstance("SHA-384");
    sha384.update(new byte[48]);
    sha384.update(MessageDigest.getInstance("SHA-256").digest(pk));
    assertThat(KeyBinding.expectedPcr16(pk)).isEqualTo(sha384.digest());
  }

  @Test
  void userData_encodeDecode_roundTripsWithMultihashFraming() {
    byte[] tls = new byte[32];
    byte[] app = new byte[32];
    tls[0] = 1;
    app[31] = 2;
    byte[] encoded = new UserData(tls, app).encode();
    assertThat(encoded).hasSize(68);
    assertThat(Hex.encode(encoded)).startsWith("122001").contains("1220" + "00".repeat(31) + "02");
    assertThat(UserData.decode(encoded)).isEqualTo(new UserData(tls, app));
  }

  @Test
  void userData_decode_rejectsWrongLengthAndFraming() {
    assertThatThrownBy(() -> UserData.decode(new byte[67])).hasMessageContaining("68 or 102 bytes");
    byte[] bad = new UserData(new byte[32], new byte[32]).encode();
    bad[34] = 0x13;
    assertThatThrownBy(() -> UserData.decode(bad)).hasMessageContaining("multihash");
  }

  @Test
  void userData_withApplicationKey_isNitridingsLayoutPlusTheAttestationKeyHash() {
    byte[] tls = new byte[32];
    byte[] app = new byte[32];
    byte[] attestation = new byte[32];
    app[0] = 7;
    attestation[0] = 9;
    byte[] encoded = new UserData(tls, app, attestation).encode();
    assertThat(encoded).hasSize(102);
    // A nitriding client reads appKeyHash at bytes 36..68: the application's.
    assertThat(java.util.Arrays.copyOfRange(encoded, 36, 68)).isEqualTo(app);
    UserData decoded = UserData.decode(encoded);
    assertThat(decoded.appKeyHash()).isEqualTo(app);
    assertThat(decoded.attestationKeyHash()).isEqualTo(attestation);
    assertThat(decoded.hasApplicationKey()).isTrue();
    assertThat(UserData.decode(new UserData(tls, attestation).encode()).attestationKeyHash()).isEqualTo(attestation);
  }

  @Test
  void userData_decode_refusesAThirdDigestEqualToTheSecond() {
    byte[] same = new byte[102];
    for (int offset = 0; offset < 102; offset += 34) {
      same[offset] = 0x12;
      same[offset + 1] = 0x20;
    }
    assertThatThrownBy(() -> UserData.decode(same)).hasMessageContaining("repeats");
    byte[] framing = new UserData(new byte[32], new byte[32], new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}).encode();
    framing[68] = 0x13;
    assertThatThrownBy(() -> UserData.decode(framing)).hasMessageContaining("multihash");
  }
}
