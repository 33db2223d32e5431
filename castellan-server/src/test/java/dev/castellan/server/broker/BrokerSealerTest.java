package dev.castellan.server.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.VerifierSet;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.keys.MeasurementSealer;
import dev.castellan.keys.UnsealException;
import dev.castellan.keys.broker.client.BrokerEndpoint;
import dev.castellan.keys.broker.client.BrokerSealer;
import dev.castellan.server.ServerConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BrokerSealer} against a broker over HTTPS on loopback, its TLS key pinned. */
class BrokerSealerTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  @TempDir Path temp;
  private SimulatorHome home;
  private BrokerService service;
  private BrokerEndpoint endpoint;

  @BeforeEach
  void setUp() throws Exception {
    home = SimulatorHome.open(temp.resolve("enclave"), Clock.systemUTC(), RANDOM);
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    ServerConfig config = ServerConfig.defaults().withDataDirectory(temp.resolve("broker")).withPort(0);
    service = BrokerService.start(config,
        MeasurementSealer.create(SecretBytes.copyOf(secret), "broker".getBytes(StandardCharsets.US_ASCII), RANDOM),
        VerifierSet.of(NitroVerifier.create(home.nitroTrustAnchors())), Clock.systemUTC(), RANDOM);
    String appraisal = "{\"acceptSimulated\": true, \"nitro\": {\"pcrs\": {\"0\": [\"" + pcr(0x11) + "\"]}}}";
    service.broker().create("operator", "signing", ("{\"version\": 1, \"admins\": [\"operator\"], \"decrypt\": " + appraisal
        + ", \"release\": null}").getBytes(StandardCharsets.UTF_8));
    endpoint = new BrokerEndpoint(URI.create(service.baseUrl()), "signing", service.tlsPin());
  }

  @AfterEach
  void tearDown() {
    service.close();
  }

  private static String pcr(int fill) {
    byte[] b = new byte[48];
    Arrays.fill(b, (byte) fill);
    return Hex.encode(b);
  }

  private SimulatedNitroTee tee(int fill) {
    return new SimulatedNitroTee(SimulatedNitroDevice.boot(home,
        new BootMeasurements(Path.of("oracle.jar"), new byte[48], "jvm", new byte[0]), Clock.systemUTC(), RANDOM,
        SimulatedNitroDevice.BootOptions.defaults().withPcr(0, ByteString.of(Hex.decode(pcr(fill))))));
  }

  @Test
  void unseal_sameMeasurement_returnsTheSecret_aChangedBuildIsRefusedNamingTheMeasurement() throws Exception {
    SecretBytes secret = SecretBytes.copyOf("a signing key of thirty-two bytes".getBytes(StandardCharsets.US_ASCII));
    byte[] sealed = BrokerSealer.create(endpoint, tee(0x11), RANDOM).seal(secret);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("signing key");

    SecretBytes opened = BrokerSealer.create(endpoint, tee(0x11), RANDOM).unseal(sealed);
    assertThat(opened.equalsSecretBytes(secret)).isTrue();

    assertThatThrownBy(() -> BrokerSealer.create(endpoint, tee(0x22), RANDOM).unseal(sealed))
        .isInstanceOf(UnsealException.class).hasMessageContaining("policy.nitro.measurement");
  }

  @Test
  void seal_wrongTlsPin_failsWithoutTalkingToTheBroker() throws Exception {
    byte[] other = service.tlsPin();
    other[0] ^= 1;
    BrokerEndpoint wrong = new BrokerEndpoint(endpoint.baseUrl(), "signing", other);
    assertThatThrownBy(() -> BrokerSealer.create(wrong, tee(0x11), RANDOM).seal(SecretBytes.copyOf(new byte[32])))
        .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("cannot reach the broker");
  }

  @Test
  void unseal_blobForAnotherKey_isRefusedLocally() throws Exception {
    byte[] sealed = BrokerSealer.create(endpoint, tee(0x11), RANDOM).seal(SecretBytes.copyOf(new byte[32]));
    BrokerEndpoint other = new BrokerEndpoint(endpoint.baseUrl(), "other", service.tlsPin());
    assertThatThrownBy(() -> BrokerSealer.create(other, tee(0x11), RANDOM).unseal(sealed))
        .isInstanceOf(UnsealException.class).hasMessageContaining("another broker key");
  }

  @Test
  void endpoint_plainHttpUrl_isRejected() {
    assertThatThrownBy(() -> new BrokerEndpoint(URI.create("http://127.0.0.1:1"), "signing", new byte[32]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
  }
}
