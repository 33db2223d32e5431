package dev.castellan.server.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castellan.attestation.DeviceUnavailableException;
import dev.castellan.attestation.gpu.GpuEvidence;
import dev.castellan.attestation.simulator.SimulatedGpu;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.core.bytes.Hex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter to a real GPU's tooling, driven with shell scripts that stand in for it. */
class CommandGpuSourceTest {
  @TempDir Path dir;
  private GpuEvidence evidence;
  private Path chain;
  private final byte[] nonce = new byte[32];

  @BeforeEach
  void simulatedReport() throws Exception {
    new SecureRandom().nextBytes(nonce);
    SimulatorHome home = SimulatorHome.open(dir.resolve("data"), Clock.systemUTC(), new SecureRandom());
    evidence = SimulatedGpu.open(home, Clock.systemUTC(), new SecureRandom()).attest(nonce);
    StringBuilder pem = new StringBuilder();
    for (var certificate : evidence.chain()) {
      pem.append("-----BEGIN CERTIFICATE-----\n").append(Base64.getMimeEncoder(64, new byte[] {'\n'})
          .encodeToString(certificate.getEncoded())).append("\n-----END CERTIFICATE-----\n");
    }
    chain = Files.writeString(dir.resolve("chain.pem"), pem, StandardCharsets.US_ASCII);
    Files.write(dir.resolve("report.bin"), evidence.report());
    Files.writeString(dir.resolve("report.hex"), Hex.encode(evidence.report()) + "\n");
  }

  @Test
  void passesTheNonceAndReadsABinaryOrHexReport() throws Exception {
    Path script = script("echo \"$1\" > " + dir.resolve("nonce.txt") + "; cat " + dir.resolve("report.bin"));
    GpuEvidence got = new CommandGpuSource(List.of(script.toString(), "{nonce}"), chain).attest(nonce).orElseThrow();
    assertArrayEquals(evidence.report(), got.report());
    assertEquals(evidence.digest(), got.digest());
    assertEquals(Hex.encode(nonce), Files.readString(dir.resolve("nonce.txt")).strip());
    Path hex = script("cat " + dir.resolve("report.hex"));
    assertArrayEquals(evidence.report(),
        new CommandGpuSource(List.of(hex.toString(), "--nonce={nonce}"), chain).attest(nonce).orElseThrow().report());
  }

  @Test
  void aFailingOrHangingCommandIsAnErrorNamingIt() throws Exception {
    Path failing = script("echo secret-output; exit 3");
    DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class,
        () -> new CommandGpuSource(List.of(failing.toString(), "{nonce}"), chain).attest(nonce));
    assertEquals("the GPU command gpu.sh exited with status 3", e.getMessage().replaceAll("^gpu.device: ", ""));
    assertTrue(!e.getMessage().contains("secret-output"));
    Path hanging = script("sleep 20");
    DeviceUnavailableException timeout = assertThrows(DeviceUnavailableException.class,
        () -> new CommandGpuSource(List.of(hanging.toString(), "{nonce}"), chain, Duration.ofMillis(300)).attest(nonce));
    assertTrue(timeout.getMessage().contains("did not finish in 300 ms"), timeout.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CommandGpuSource(List.of(failing.toString()), chain));
  }

  private Path script(String body) throws Exception {
    Path file = dir.resolve("gpu.sh");
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }
}
