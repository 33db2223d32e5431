package dev.castellan.keys.broker;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.VerifierSet;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.hpke.Hpke;
import dev.castellan.core.hpke.HpkePrivateKey;
import dev.castellan.keys.MeasurementSealer;
import dev.castellan.keys.Sealer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** A simulator, a broker over it and helpers to attest to a challenge, for the broker's tests. */
final class BrokerFixture {
  static final SecureRandom RANDOM = new SecureRandom();
  static final String ADMIN = "alice";

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    private volatile Instant now = Instant.now();

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  final TestClock clock = new TestClock();
  final SimulatorHome home;
  final Path brokerDirectory;
  final Sealer brokerSealer;
  final InMemoryDecisionLog log = new InMemoryDecisionLog();
  final VerifierSet verifiers;

  BrokerFixture(Path temp) throws IOException {
    home = SimulatorHome.open(temp.resolve("sim"), clock, RANDOM);
    brokerDirectory = temp.resolve("broker");
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    brokerSealer = MeasurementSealer.create(SecretBytes.copyOf(secret), "broker-build".getBytes(StandardCharsets.US_ASCII), RANDOM);
    verifiers = VerifierSet.of(NitroVerifier.create(home.nitroTrustAnchors()));
  }

  KeyBroker open() throws IOException {
    return KeyBroker.open(brokerDirectory, brokerSealer, log, verifiers, clock, RANDOM);
  }

  /** A simulated enclave whose PCR0 is {@code fill} repeated (48 bytes). */
  SimulatedNitroDevice enclave(int fill) {
    byte[] pcr = new byte[48];
    java.util.Arrays.fill(pcr, (byte) fill);
    return boot(SimulatedNitroDevice.BootOptions.defaults().withPcr(0, ByteString.of(pcr)));
  }

  /** A simulated enclave in debug mode: PCR0, PCR1 and PCR2 all zero, as AWS reports them. */
  SimulatedNitroDevice debugEnclave() {
    ByteString zero = ByteString.of(new byte[48]);
    return boot(SimulatedNitroDevice.BootOptions.defaults().withPcr(0, zero).withPcr(1, zero).withPcr(2, zero));
  }

  private SimulatedNitroDevice boot(SimulatedNitroDevice.BootOptions options) {
    BootMeasurements measurements =
        new BootMeasurements(Path.of("enclave.jar"), new byte[48], BootMeasurements.currentRuntime(), new byte[0]);
    return SimulatedNitroDevice.boot(home, measurements, clock, RANDOM, options);
  }

  static String pcrHex(int fill) {
    byte[] pcr = new byte[48];
    java.util.Arrays.fill(pcr, (byte) fill);
    return Hex.encode(pcr);
  }

  /** A policy whose decrypt and release accept simulated Nitro evidence with PCR0 = pcrHex(fill). */
  static byte[] policy(int fill) {
    String appraisal = "{\"acceptSimulated\": true, \"nitro\": {\"pcrs\": {\"0\": [\"" + pcrHex(fill) + "\"]}}}";
    return ("{\"version\": 1, \"admins\": [\"" + ADMIN + "\"], \"decrypt\": " + appraisal + ", \"release\": " + appraisal + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Evidence from {@code enclave} bound to the challenge's nonce and {@code ephemeral}'s public key. */
  static byte[] attest(SimulatedNitroDevice enclave, Challenge challenge, HpkePrivateKey ephemeral) throws Exception {
    return enclave.attestationDocument(null, BrokerProtocol.binding(challenge.nonce(), ephemeral.publicKey().toBytes()), null);
  }

  static HpkePrivateKey ephemeral() {
    return Hpke.generateKeyPair(BrokerProtocol.SUITE.kem(), RANDOM);
  }
}
