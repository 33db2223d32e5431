package dev.castellan.attestation.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorHomeTest {
  static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

  @TempDir Path data;

  private SimulatorHome open(Path dir) throws Exception {
    return SimulatorHome.open(dir, new TestClock(START), new SecureRandom());
  }

  @Test
  void open_twice_keepsRootAndDeviceSecret() throws Exception {
    SimulatorHome first = open(data);
    SimulatorHome second = open(data);

    assertThat(second.nitroRoot().certificate().getEncoded())
        .isEqualTo(first.nitroRoot().certificate().getEncoded());
    assertThat(second.nitroRoot().sha256()).isEqualTo(first.nitroRoot().sha256());
    assertThat(second.deviceSecret()).isEqualTo(first.deviceSecret());
    assertThat(second.deviceSecret().size()).isEqualTo(SimulatorHome.DEVICE_SECRET_BYTES);
  }

  @Test
  void open_otherDirectory_hasOtherRootAndSecret() throws Exception {
    SimulatorHome first = open(data.resolve("a"));
    SimulatorHome second = open(data.resolve("b"));
    assertThat(second.nitroRoot().sha256()).isNotEqualTo(first.nitroRoot().sha256());
    assertThat(second.deviceSecret()).isNotEqualTo(first.deviceSecret());
  }

  @Test
  void nitroRoot_isPinnedSimulatedNitroRoot() throws Exception {
    PinnedCertificate root = open(data).nitroRoot();
    assertThat(root.name()).isEqualTo(SimulatorHome.NITRO_ROOT_NAME).contains("simulated");
    assertThat(root.platform()).isEqualTo(Platform.NITRO);
    assertThat(root.root()).isTrue();
    assertThat(root.simulated()).isTrue();
    assertThat(root.certificate().getSubjectX500Principal().getName()).contains("SIMULATED");
    assertThat(root.certificate().getNotAfter().toInstant()).isAfter(START.plusSeconds(29L * 365 * 86400));
  }

  @Test
  void open_writesOwnerOnlyFiles() throws Exception {
    open(data);
    Path dir = data.resolve("simulator");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    for (String name : new String[] {"device-secret", "nitro/root.key", "nitro/intermediate.key", "nitro/root.crt"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))))
          .as(name)
          .isEqualTo("rw-------");
    }
    assertThat(Files.readString(dir.resolve("nitro/root.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("device-secret", "nitro");
    }
  }

  @Test
  void open_corruptRootCertificate_failsNamingTheFile() throws Exception {
    open(data);
    Path file = data.resolve("simulator/nitro/root.crt");
    String pem = Files.readString(file);
    Files.writeString(file, pem.substring(0, pem.length() / 2));

    assertThatThrownBy(() -> open(data))
        .isInstanceOf(SimulatorStorageException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not regenerated");
    assertThat(Files.readString(file)).isEqualTo(pem.substring(0, pem.length() / 2));
  }

  @Test
  void open_missingIntermediateKey_failsNamingTheFile() throws Exception {
    open(data);
    Path file = data.resolve("simulator/nitro/intermediate.key");
    Files.delete(file);
    assertThatThrownBy(() -> open(data))
        .isInstanceOf(SimulatorStorageException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("missing");
  }

  @Test
  void open_keyOfAnotherCertificate_failsNamingTheKey() throws Exception {
    open(data);
    Path dir = data.resolve("simulator/nitro");
    Files.copy(dir.resolve("intermediate.key"), dir.resolve("root.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> open(data))
        .isInstanceOf(SimulatorStorageException.class)
        .hasMessageContaining(dir.resolve("root.key").toString())
        .hasMessageContaining("does not belong");
  }

  @Test
  void open_intermediateNotSignedByRoot_fails() throws Exception {
    open(data.resolve("a"));
    open(data.resolve("b"));
    Path a = data.resolve("a/simulator/nitro");
    Path b = data.resolve("b/simulator/nitro");
    Files.copy(b.resolve("intermediate.crt"), a.resolve("intermediate.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(b.resolve("intermediate.key"), a.resolve("intermediate.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> open(data.resolve("a")))
        .isInstanceOf(SimulatorStorageException.class)
        .hasMessageContaining(a.resolve("intermediate.crt").toString())
        .hasMessageContaining("not signed by its issuer");
  }

  @Test
  void open_truncatedDeviceSecret_failsNamingTheFile() throws Exception {
    open(data);
    Path file = data.resolve("simulator/device-secret");
    Files.write(file, new byte[31]);
    assertThatThrownBy(() -> open(data))
        .isInstanceOf(SimulatorStorageException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("exactly 32 bytes");
  }

  @Test
  void open_emptiedNitroDirectory_isAnErrorNotARegeneration() throws Exception {
    open(data);
    Path dir = data.resolve("simulator/nitro");
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    assertThatThrownBy(() -> open(data)).isInstanceOf(SimulatorStorageException.class);
    try (var files = Files.list(dir)) {
      assertThat(files.count()).isZero();
    }
  }
}
