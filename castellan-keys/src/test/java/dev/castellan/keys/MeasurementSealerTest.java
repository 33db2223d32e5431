package dev.castellan.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementSealerTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretBytes device = random(32);
  private final byte[] pcr0 = random(48).toByteArray();
  private final SecretBytes key = random(32);

  private static SecretBytes random(int size) {
    byte[] bytes = new byte[size];
    RANDOM.nextBytes(bytes);
    return SecretBytes.copyOf(bytes);
  }

  @Test
  void unseal_sameDeviceAndMeasurement_returnsSecret() throws Exception {
    byte[] sealed = MeasurementSealer.create(device, pcr0, RANDOM).seal(key);
    SecretBytes opened = MeasurementSealer.create(device, pcr0, RANDOM).unseal(sealed);
    assertThat(opened.equalsSecretBytes(key)).isTrue();
  }

  @Test
  void seal_doesNotContainThePlaintext() throws Exception {
    byte[] sealed = MeasurementSealer.create(device, pcr0, RANDOM).seal(key);
    assertThat(Hex.encode(sealed)).doesNotContain(Hex.encode(key.toByteArray()));
  }

  @Test
  void unseal_changedMeasurement_throwsNamingTheMeasurement() throws Exception {
    byte[] sealed = MeasurementSealer.create(device, pcr0, RANDOM).seal(key);
    byte[] otherPcr0 = pcr0.clone();
    otherPcr0[0] ^= 1;
    assertThatThrownBy(() -> MeasurementSealer.create(device, otherPcr0, RANDOM).unseal(sealed))
        .isInstanceOf(UnsealException.class)
        .hasMessageContaining("different measurement")
        .hasMessageNotContaining(Hex.encode(key.toByteArray()));
  }

  @Test
  void unseal_otherDeviceSecret_throws() throws Exception {
    byte[] sealed = MeasurementSealer.create(device, pcr0, RANDOM).seal(key);
    assertThatThrownBy(() -> MeasurementSealer.create(random(32), pcr0, RANDOM).unseal(sealed))
        .isInstanceOf(UnsealException.class)
        .hasMessageContaining("does not open on this device");
  }

  @Test
  void unseal_anyFlippedByte_throwsUnsealException() throws Exception {
    MeasurementSealer sealer = MeasurementSealer.create(device, pcr0, RANDOM);
    byte[] sealed = sealer.seal(key);
    for (int i = 0; i < sealed.length; i++) {
      byte[] mutated = sealed.clone();
      mutated[i] ^= 0x01;
      assertThatThrownBy(() -> sealer.unseal(mutated)).as("byte %d", i).isInstanceOf(UnsealException.class);
    }
  }

  @Test
  void unseal_truncated_throwsMalformed() throws Exception {
    MeasurementSealer sealer = MeasurementSealer.create(device, pcr0, RANDOM);
    assertThatThrownBy(() -> sealer.unseal(new byte[10]))
        .isInstanceOf(UnsealException.class)
        .hasMessageContaining("malformed");
  }

  @Test
  void sealedFile_writeThenRead_roundTripsAndReplaces(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys/signing.sealed");
    assertThat(SealedFile.read(file)).isEmpty();
    SealedFile.writeAtomically(file, new byte[] {1, 2, 3});
    SealedFile.writeAtomically(file, new byte[] {4, 5});
    assertThat(SealedFile.read(file)).hasValueSatisfying(b -> assertThat(b).containsExactly(4, 5));
    assertThat(dir.resolve("keys").toFile().list()).containsExactly("signing.sealed");
  }
}
