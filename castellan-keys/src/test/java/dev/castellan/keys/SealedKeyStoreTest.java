package dev.castellan.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.SecretBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedKeyStoreTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretBytes device = SecretBytes.copyOf(new byte[32]);
  private final AtomicInteger generated = new AtomicInteger();

  private SecretBytes newKey() {
    generated.incrementAndGet();
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return SecretBytes.copyOf(key);
  }

  private SealedKeyStore store(Path dir, byte[] measurement) {
    return new SealedKeyStore(dir.resolve("signing.sealed"), MeasurementSealer.create(device, measurement, RANDOM));
  }

  @Test
  void firstBoot_generatesAndStoresOnlyCiphertext(@TempDir Path dir) throws Exception {
    SealedKeyStore.Loaded loaded = store(dir, new byte[] {1}).loadOrGenerate(this::newKey);
    assertThat(loaded.created()).isTrue();
    byte[] onDisk = Files.readAllBytes(dir.resolve("signing.sealed"));
    assertThat(new String(onDisk, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(new String(loaded.secret().toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  @Test
  void secondBoot_sameMeasurement_returnsSameKeyWithoutGenerating(@TempDir Path dir) throws Exception {
    SecretBytes first = store(dir, new byte[] {1}).loadOrGenerate(this::newKey).secret();
    SealedKeyStore.Loaded second = store(dir, new byte[] {1}).loadOrGenerate(this::newKey);
    assertThat(second.created()).isFalse();
    assertThat(second.secret().equalsSecretBytes(first)).isTrue();
    assertThat(generated).hasValue(1);
  }

  @Test
  void changedMeasurement_failsAndNeverReplacesTheKey(@TempDir Path dir) throws Exception {
    store(dir, new byte[] {1}).loadOrGenerate(this::newKey);
    byte[] before = Files.readAllBytes(dir.resolve("signing.sealed"));
    assertThatThrownBy(() -> store(dir, new byte[] {2}).loadOrGenerate(this::newKey))
        .isInstanceOf(UnsealException.class)
        .hasMessageContaining("signing.sealed")
        .hasMessageContaining("different measurement");
    assertThat(generated).hasValue(1);
    assertThat(Files.readAllBytes(dir.resolve("signing.sealed"))).isEqualTo(before);
  }

  @Test
  void ed25519_sameKeyOnEveryBoot_otherMeasurementRefused(@TempDir Path dir) throws Exception {
    var first = store(dir, new byte[] {1}).loadOrGenerateEd25519(RANDOM);
    assertThat(store(dir, new byte[] {1}).loadOrGenerateEd25519(RANDOM).publicKey()).isEqualTo(first.publicKey());
    assertThatThrownBy(() -> store(dir, new byte[] {2}).loadOrGenerateEd25519(RANDOM)).isInstanceOf(UnsealException.class);
  }
}
