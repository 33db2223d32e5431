package dev.castellan.attestation.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TeeDevice;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.core.bytes.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TeeDevice#attest(byte[], byte[], byte[])}: the key lands in Nitro's public_key, elsewhere it is refused. */
class SimulatedNitroTeePublicKeyTest {
  @TempDir Path data;

  @Test
  void attest_withPublicKey_documentCarriesItAsPublicKey() throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-11-21T09:00:00Z"));
    SimulatorHome home = SimulatorHome.open(data, clock, new SecureRandom());
    Path jar = data.resolve("app.jar");
    Files.write(jar, "oracle".getBytes(StandardCharsets.US_ASCII));
    SimulatedNitroDevice device = SimulatedNitroDevice.boot(home, BootMeasurements.of(jar, new byte[0]), clock, new SecureRandom());
    TeeDevice tee = new SimulatedNitroTee(device);
    byte[] key = "a DER SubjectPublicKeyInfo".getBytes(StandardCharsets.US_ASCII);

    byte[] document = tee.attest(null, null, key);

    NitroClaims claims = (NitroClaims) NitroVerifier.create(home.nitroTrustAnchors())
        .verify(Evidence.of(Platform.NITRO, document), VerificationRequest.at(clock.instant(), Freshness.none()))
        .claims();
    assertThat(claims.publicKey()).contains(ByteString.of(key));
  }

  @Test
  void attest_withPublicKeyOnDeviceWithoutTheField_throws() {
    TeeDevice snp = new TeeDevice() {
      public String platform() { return "sev-snp"; }
      public boolean simulated() { return true; }
      public byte[] measurement() { return new byte[48]; }
      public SecretBytes sealingSecret() { return SecretBytes.copyOf(new byte[32]); }
      public void bindSigningKey(byte[] keyHash) {}
      public byte[] attest(byte[] nonce, byte[] userData) { return new byte[] {1}; }
    };

    assertThatThrownBy(() -> snp.attest(null, null, new byte[] {1}))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("sev-snp evidence has no public_key field");
  }
}
