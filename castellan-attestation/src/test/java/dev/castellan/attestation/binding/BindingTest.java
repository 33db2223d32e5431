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
    assertThatThrownBy(() -> UserData.decode(new byte[67])).hasMessageContaining("68 bytes");
    byte[] bad = new UserData(new byte[32], new byte[32]).encode();
    bad[34] = 0x13;
    assertThatThrownBy(() -> UserData.decode(bad)).hasMessageContaining("multihash");
  }
}
