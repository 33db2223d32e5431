package dev.castellan.server.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.vrf.EcvrfSuite;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The pure parts: suite names, the user-data layout, the store option. */
class RaUnitsTest {
  @Test
  void suiteNames_ofTheSeedTheRfcAndOurs_map_andOthersAreRefusedNamingTheSupported() {
    assertThat(VrfSuites.parse("SECP256R1_SHA256_TAI")).isEqualTo(EcvrfSuite.P256_SHA256_TAI);
    assertThat(VrfSuites.parse("secp256r1_sha256_sswu")).isEqualTo(EcvrfSuite.P256_SHA256_SSWU);
    assertThat(VrfSuites.parse("ECVRF-EDWARDS25519-SHA512-TAI")).isEqualTo(EcvrfSuite.EDWARDS25519_SHA512_TAI);
    assertThat(VrfSuites.parse("EDWARDS25519_SHA512_ELL2")).isEqualTo(EcvrfSuite.EDWARDS25519_SHA512_ELL2);
    for (String refused : new String[] {"SECP384R1_SHA384_TAI", "SECP521R1_SHA512_TAI", "BRAINPOOL_P256R1_SHA256_TAI", ""}) {
      assertThatThrownBy(() -> VrfSuites.parse(refused)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("supported: EDWARDS25519_SHA512_ELL2, EDWARDS25519_SHA512_TAI");
    }
    assertThat(VrfSuites.seedName(EcvrfSuite.P256_SHA256_TAI)).isEqualTo("SECP256R1_SHA256_TAI");
  }

  @Test
  void userData_roundTrips_andRefusesAnotherMagicOrLength() {
    for (EcvrfSuite suite : EcvrfSuite.values()) {
      RaUserData data = RaUserData.of(suite, new byte[64], "a/b", new byte[suite.publicKeyLength()],
          new byte[suite.outputLength()]);
      byte[] encoded = data.encode();
      assertThat(encoded).hasSize(133 + suite.outputLength());
      assertThat(encoded[4]).isEqualTo((byte) suite.suiteString());
      assertThat(RaUserData.decode(encoded).encode()).isEqualTo(encoded);
      assertThatThrownBy(() -> RaUserData.decode(java.util.Arrays.copyOf(encoded, encoded.length + 1)))
          .isInstanceOf(IllegalArgumentException.class);
      byte[] magic = encoded.clone();
      magic[0] = 'X';
      assertThatThrownBy(() -> RaUserData.decode(magic)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> RaUserData.of(EcvrfSuite.P256_SHA256_TAI, new byte[63], "a", new byte[33], new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void storeOption_isEmbeddedOrANatsUrl() {
    RaOptions options = RaOptions.of(Path.of("/srv"));
    assertThat(options.natsUrl()).isEmpty();
    assertThat(options.withStore("nats://127.0.0.1:4222").natsUrl()).hasValue("nats://127.0.0.1:4222");
    assertThat(options.withStore("nats://127.0.0.1:4222").withStore("embedded").natsUrl()).isEmpty();
    for (String bad : new String[] {"http://x:1", "nats://", "nats://user:pw@host:4222", "file"}) {
      assertThatThrownBy(() -> options.withStore(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> options.withMaxFiles(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
