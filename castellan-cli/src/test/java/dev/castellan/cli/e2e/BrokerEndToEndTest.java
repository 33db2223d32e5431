package dev.castellan.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.cli.Cli;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.ipld.DagCbor;
import dev.castellan.keys.UnsealException;
import dev.castellan.keys.broker.client.BrokerEndpoint;
import dev.castellan.keys.broker.client.BrokerSealer;
import dev.castellan.log.LocalLog;
import dev.castellan.log.LogRecord;
import dev.castellan.log.storage.EmbeddedStorage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's end to end: the broker in a JVM of its own ({@code castellan broker serve}, HTTPS on
 * loopback), administered with {@code castellan broker key}; the oracle ({@code castellan up
 * --sealing broker:URL}) boots twice through it, in a JVM of its own each time, and serves the
 * same signing key; a changed build (another PCR0) cannot decrypt it; every decision is in the
 * broker's log.
 */
class BrokerEndToEndTest {
  static final Duration BOOT = Duration.ofSeconds(90);
  @TempDir Path dir;

  static String appraisal(String pcr0) {
    return "{\"acceptSimulated\": true, \"nitro\": {\"pcrs\": {\"0\": [\"" + pcr0 + "\"]}}}";
  }

  static String policy(String pcr0) {
    return "{\"version\": 1, \"admins\": [\"operator\"], \"decrypt\": " + appraisal(pcr0) + ", \"release\": null}";
  }

  @Test
  void oracleSealsItsSigningKeyThroughTheBroker_sameKeyTwice_aChangedBuildIsRefused() throws Exception {
    Path oracleData = dir.resolve("oracle");
    Path brokerData = dir.resolve("broker");
    SimulatorHome.open(oracleData); // the oracle's simulated Nitro root, which the broker is told to trust
    Path root = oracleData.resolve("simulator/nitro/root.crt");
    assertThat(root).exists();
    try (ChildJvm broker = ChildJvm.start(dir, "broker", null, "broker", "serve", "--data", brokerData.toString(),
        "--port", "0", "--trust-root", root.toString())) {
      String url = broker.await("Castellan broker is up at (https://\\S+)", BOOT);
      String pin = broker.await("TLS pin\\s+([0-9a-f]{64})", BOOT);
      String token = broker.await("operator token\\s+(\\S+)", BOOT);
      List<String> connection = List.of("--url", url, "--pin", pin, "--token-file", token);

      // A key whose decrypt policy nobody meets yet (PCR0 of zeros is a debug enclave's).
      Path placeholder = Files.writeString(dir.resolve("placeholder.json"), policy("00".repeat(48)));
      Cli created = cli("broker", "key", "create", "castellan-oracle", "--policy", placeholder.toString(), connection);
      assertThat(created.exitCode()).as(created.toString()).isZero();
      assertThat(created.out()).contains("\"locked\":false");

      // First boot: the key is generated and sealed through the broker (encrypt needs no evidence).
      String first;
      String pcr0;
      try (ChildJvm up = up(oracleData, url, pin, "up-1")) {
        first = up.await("signing key\\s+([0-9a-f]{66})", BOOT);
        pcr0 = up.await("PCR0\\s+([0-9a-f]{96})", BOOT);
      }
      assertThat(new String(Files.readAllBytes(oracleData.resolve("keys/signing-key.sealed")), 0, 4,
          java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("CSB1");

      // The operator pins this build's PCR0 and locks the key, as seed 001's lockdown does.
      Path pinned = Files.writeString(dir.resolve("pinned.json"), policy(pcr0));
      assertThat(cli("broker", "key", "policy", "castellan-oracle", "--policy", pinned.toString(), connection).exitCode()).isZero();
      assertThat(cli("broker", "key", "lock", "castellan-oracle", connection).out()).contains("\"locked\":true");
      Cli afterLock = cli("broker", "key", "policy", "castellan-oracle", "--policy", placeholder.toString(), connection);
      assertThat(afterLock.exitCode()).isEqualTo(1);
      assertThat(afterLock.err()).contains("broker.locked");

      // Second boot: unsealed through the broker, with this boot's evidence: the same key.
      try (ChildJvm up = up(oracleData, url, pin, "up-2")) {
        assertThat(up.await("signing key\\s+([0-9a-f]{66})", BOOT)).isEqualTo(first);
      }

      // A changed build: another PCR0 on the same device cannot decrypt.
      SecureRandom random = new SecureRandom();
      byte[] other = Hex.decode(pcr0);
      other[0] ^= 1;
      SimulatedNitroDevice changed = SimulatedNitroDevice.boot(SimulatorHome.open(oracleData),
          new BootMeasurements(Path.of("changed.jar"), new byte[48], BootMeasurements.currentRuntime(), new byte[0]),
          Clock.systemUTC(), random, SimulatedNitroDevice.BootOptions.defaults().withPcr(0, ByteString.of(other)));
      BrokerSealer sealer = BrokerSealer.create(new BrokerEndpoint(URI.create(url), "castellan-oracle", Hex.decode(pin)),
          new SimulatedNitroTee(changed), random);
      byte[] sealed = Files.readAllBytes(oracleData.resolve("keys/signing-key.sealed"));
      assertThatThrownBy(() -> sealer.unseal(sealed)).isInstanceOf(UnsealException.class)
          .hasMessageContaining("policy.nitro.measurement");
    }

    List<String> decisions = new ArrayList<>();
    try (EmbeddedStorage log = LocalLog.openReadOnly(brokerData)) {
      for (long i = 0; i < log.size(); i++) {
        CborMap map = (CborMap) DagCbor.decode(LogRecord.decode(log.read(i)).data());
        decisions.add(map.get("action").asText() + ":" + map.get("verdict").asText()
            + (map.get("check") == null ? "" : ":" + map.get("check").asText()));
      }
    }
    assertThat(decisions).containsExactly("create:accepted", "put-policy:accepted", "lock:accepted",
        "put-policy:refused:broker.locked", "decrypt:accepted", "decrypt:refused:policy.nitro.measurement");
  }

  private ChildJvm up(Path data, String url, String pin, String name) throws Exception {
    return ChildJvm.start(dir, name, null, "up", "--data", data.toString(), "--port", "0", "--plain-http",
        "--sealing", "broker:" + url, "--broker-pin", pin);
  }

  private static Cli cli(String a, String b, String c, String d, List<String> rest) {
    List<String> args = new ArrayList<>(List.of(a, b, c, d));
    args.addAll(rest);
    return Cli.run(args);
  }

  private static Cli cli(String a, String b, String c, String d, String e, String f, List<String> rest) {
    List<String> args = new ArrayList<>(Arrays.asList(a, b, c, d, e, f));
    args.addAll(rest);
    return Cli.run(args);
  }
}
