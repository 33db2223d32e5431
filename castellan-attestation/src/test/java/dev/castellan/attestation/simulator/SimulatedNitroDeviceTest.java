package dev.castellan.attestation.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedNitroDeviceTest {
  static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

  @TempDir Path data;
  SimulatorHome home;

  @BeforeEach
  void open() throws Exception {
    home = SimulatorHome.open(data, new TestClock(START), new SecureRandom());
  }

  private SimulatedNitroDevice boot(Path artifact, byte[] configuration) throws Exception {
    return SimulatedNitroDevice.boot(
        home, BootMeasurements.of(artifact, configuration), new TestClock(START), new SecureRandom());
  }

  private Path jar(String name, byte[] content) throws Exception {
    Path file = data.resolve(name);
    Files.write(file, content);
    return file;
  }

  static byte[] sha384(byte[]... parts) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-384");
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }

  @Test
  void extend_freeRegister_isSha384OfOldValueAndData() throws Exception {
    SimulatedNitroDevice device = boot(jar("app.jar", new byte[] {1, 2, 3}), new byte[0]);
    byte[] data = "signing key hash".getBytes(StandardCharsets.US_ASCII);

    assertThat(device.pcr(16)).isEqualTo(new byte[48]);
    byte[] once = device.extend(16, data);
    byte[] expectedOnce = sha384(new byte[48], data);
    assertThat(once).isEqualTo(expectedOnce).isEqualTo(device.pcr(16));

    byte[] twice = device.extend(16, data);
    assertThat(twice).isEqualTo(sha384(expectedOnce, data));
    assertThat(device.pcr(17)).isEqualTo(new byte[48]);
  }

  @Test
  void extend_lockedRegister_throwsAndKeepsValue() throws Exception {
    SimulatedNitroDevice device = boot(jar("app.jar", new byte[] {1}), new byte[0]);
    byte[] value = device.extend(16, new byte[] {7});
    device.lock(16);

    assertThat(device.isLocked(16)).isTrue();
    assertThatThrownBy(() -> device.extend(16, new byte[] {8}))
        .isInstanceOf(PcrLockedException.class)
        .hasMessageContaining("PCR16 is locked");
    assertThat(device.pcr(16)).isEqualTo(value);
    device.lock(16); // idempotent
    assertThat(device.pcr(16)).isEqualTo(value);
  }

  @Test
  void boot_locksPcr0To15_andLeaves16To31Free() throws Exception {
    SimulatedNitroDevice device = boot(jar("app.jar", new byte[] {1}), new byte[0]);
    for (int i = 0; i < 32; i++) {
      assertThat(device.isLocked(i)).as("PCR%d", i).isEqualTo(i < 16);
    }
    assertThatThrownBy(() -> device.extend(0, new byte[] {1})).isInstanceOf(PcrLockedException.class);
    assertThatThrownBy(() -> device.extend(15, new byte[] {1})).isInstanceOf(PcrLockedException.class);
    assertThat(device.lockedPcrs()).containsOnlyKeys(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    device.lock(16);
    assertThat(device.lockedPcrs()).containsKey(16);
  }

  @Test
  void extend_indexOutOfRange_throws() throws Exception {
    SimulatedNitroDevice device = boot(jar("app.jar", new byte[] {1}), new byte[0]);
    assertThatThrownBy(() -> device.extend(32, new byte[] {1})).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> device.pcr(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void boot_pcr0_isMeasuredFromTheArtifactBytes() throws Exception {
    byte[] content = "the oracle jar".getBytes(StandardCharsets.US_ASCII);
    SimulatedNitroDevice device = boot(jar("app.jar", content), new byte[0]);
    assertThat(device.pcr(0)).isEqualTo(sha384(new byte[48], sha384(content)));
  }

  @Test
  void boot_changedArtifact_changesPcr0Only() throws Exception {
    byte[] content = "the oracle jar, version 1".getBytes(StandardCharsets.US_ASCII);
    SimulatedNitroDevice before = boot(jar("a.jar", content), "config".getBytes(StandardCharsets.US_ASCII));
    content[content.length - 1] ^= 1;
    SimulatedNitroDevice after = boot(jar("b.jar", content), "config".getBytes(StandardCharsets.US_ASCII));

    assertThat(after.pcr(0)).isNotEqualTo(before.pcr(0));
    assertThat(after.pcr(1)).isEqualTo(before.pcr(1));
    assertThat(after.pcr(2)).isEqualTo(before.pcr(2));
  }

  @Test
  void boot_sameArtifactTwice_givesSamePcrs() throws Exception {
    Path artifact = jar("app.jar", new byte[] {9, 9, 9});
    SimulatedNitroDevice first = boot(artifact, new byte[] {1});
    SimulatedNitroDevice second = boot(artifact, new byte[] {1});
    for (int i = 0; i < 16; i++) {
      assertThat(second.pcr(i)).as("PCR%d", i).isEqualTo(first.pcr(i));
    }
    assertThat(second.moduleId()).isNotEqualTo(first.moduleId());
  }

  @Test
  void boot_pcr1IsTheRuntime_pcr2IsTheConfiguration() throws Exception {
    Path artifact = jar("app.jar", new byte[] {1});
    byte[] config = "port=8443".getBytes(StandardCharsets.US_ASCII);
    SimulatedNitroDevice device = boot(artifact, config);
    byte[] runtime = BootMeasurements.currentRuntime().getBytes(StandardCharsets.UTF_8);
    assertThat(device.pcr(1)).isEqualTo(sha384(new byte[48], sha384(runtime)));
    assertThat(device.pcr(2)).isEqualTo(sha384(new byte[48], sha384(config)));
    assertThat(boot(artifact, new byte[] {2}).pcr(2)).isNotEqualTo(device.pcr(2));
  }

  @Test
  void boot_directoryArtifact_treeDigestChangesWithAnyFile() throws Exception {
    Path classes = Files.createDirectories(data.resolve("classes/dev/x"));
    Files.write(classes.resolve("A.class"), new byte[] {1, 2});
    Files.write(data.resolve("classes/B.class"), new byte[] {3});
    byte[] before = BootMeasurements.digest(data.resolve("classes"));
    assertThat(BootMeasurements.digest(data.resolve("classes"))).isEqualTo(before);

    Files.write(classes.resolve("A.class"), new byte[] {1, 3});
    assertThat(BootMeasurements.digest(data.resolve("classes"))).isNotEqualTo(before);
  }

  @Test
  void ofRunningCode_measuresTheCodeLocationOfTheClass() throws Exception {
    BootMeasurements measured = BootMeasurements.ofRunningCode(SimulatedNitroDevice.class, new byte[0]);
    assertThat(measured.artifactDigest()).hasSize(48);
    assertThat(Files.exists(measured.artifact())).isTrue();
  }

  @Test
  void randomBytes_boundsAndFreshness() throws Exception {
    SimulatedNitroDevice device = boot(jar("app.jar", new byte[] {1}), new byte[0]);
    assertThat(device.randomBytes(32)).hasSize(32).isNotEqualTo(device.randomBytes(32));
    assertThatThrownBy(() -> device.randomBytes(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> device.randomBytes(SimulatedNitroDevice.MAX_RANDOM_BYTES + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sealingSecret_isTheInstallationsDeviceSecret() throws Exception {
    SimulatedNitroDevice device = boot(jar("app.jar", new byte[] {1}), new byte[0]);
    assertThat(device.sealingSecret().size()).isEqualTo(32);
    assertThat(device.sealingSecret()).isEqualTo(home.deviceSecret());
    assertThat(device.sealingSecret().toString()).doesNotContain(ByteString.of(home.deviceSecret().toByteArray()).hex());
    assertThat(device.simulated()).isTrue();
  }
}
