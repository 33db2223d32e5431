package dev.castellan.attestation.nitro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.DeviceUnavailableException;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.attestation.simulator.PcrLockedException;
import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NSM protocol, tested up to the device boundary with the simulator behind it. */
class NsmAttesterTest {
  @TempDir Path data;

  /** Answers NSM requests the way the NSM does, from a simulated Nitro device. */
  record SimulatedNsm(SimulatedNitroDevice device) implements NsmDevice {
    @Override
    public byte[] exchange(byte[] request) throws DeviceUnavailableException {
      try {
        CborValue value = Cbor.decode(request, CborLimits.DETERMINISTIC);
        if (value.equals(CborValue.of("GetRandom"))) {
          return reply("GetRandom", CborMap.builder().put("random", CborValue.of(device.randomBytes(32))).build());
        }
        var entry = value.asMap().entries().getFirst();
        String name = entry.getKey().asText();
        CborMap args = entry.getValue().asMap();
        return switch (name) {
          case "Attestation" -> reply(name, CborMap.builder().put("document", CborValue.of(
              device.attestationDocument(opt(args, "user_data"), opt(args, "nonce"), opt(args, "public_key")))).build());
          case "DescribePCR" -> {
            int index = (int) args.require("index").asLong();
            yield reply(name, CborMap.builder().put("lock", CborValue.of(device.isLocked(index)))
                .put("data", CborValue.of(device.pcr(index))).build());
          }
          case "ExtendPCR" -> {
            try {
              byte[] value2 = device.extend((int) args.require("index").asLong(), args.require("data").asBytes());
              yield reply(name, CborMap.builder().put("data", CborValue.of(value2)).build());
            } catch (PcrLockedException e) {
              yield Cbor.encode(CborMap.builder().put("Error", CborValue.of("ReadOnlyIndex")).build());
            }
          }
          case "LockPCR" -> {
            device.lock((int) args.require("index").asLong());
            yield Cbor.encode(CborValue.of("LockPCR"));
          }
          default -> Cbor.encode(CborMap.builder().put("Error", CborValue.of("InvalidOperation")).build());
        };
      } catch (Exception e) {
        throw new DeviceUnavailableException("nsm.test", "simulated NSM failed", e);
      }
    }

    private static byte[] opt(CborMap args, String key) throws Exception {
      CborValue v = args.get(key);
      return v == null || v.isNull() ? null : v.asBytes();
    }

    private static byte[] reply(String name, CborMap body) {
      return Cbor.encode(CborMap.builder().put(name, body).build());
    }

    @Override
    public void close() {}
  }

  private NsmAttester attester(SimulatorHome home) throws Exception {
    Path jar = Files.write(data.resolve("app.jar"), new byte[] {4, 5, 6});
    SimulatedNitroDevice device = SimulatedNitroDevice.boot(home, BootMeasurements.of(jar, new byte[0]),
        Clock.systemUTC(), new SecureRandom());
    return NsmAttester.over(new SimulatedNsm(device));
  }

  @Test
  void attest_overTheNsmProtocol_verifiesWithTheSimulatedRoot() throws Exception {
    SimulatorHome home = SimulatorHome.open(data);
    NsmAttester attester = attester(home);
    byte[] nonce = attester.random();
    assertThat(nonce).hasSize(32);
    Evidence evidence = attester.attest(new byte[] {9}, nonce, null);
    NitroClaims claims = (NitroClaims) NitroVerifier.create(home.nitroTrustAnchors())
        .verify(evidence, VerificationRequest.at(Instant.now(), Freshness.nonce(nonce))).claims();
    assertThat(claims.simulated()).isTrue();
    assertThat(claims.userData().orElseThrow().toByteArray()).containsExactly(9);
    assertThat(claims.pcr(0).orElseThrow().isAllZero()).isFalse();
  }

  @Test
  void pcrs_extendThenLock_rejectsFurtherExtension() throws Exception {
    NsmAttester attester = attester(SimulatorHome.open(data));
    assertThat(attester.describePcr(16).locked()).isFalse();
    byte[] extended = attester.extendPcr(16, new byte[32]);
    assertThat(attester.describePcr(16).value()).isEqualTo(extended);
    attester.lockPcr(16);
    assertThat(attester.describePcr(16).locked()).isTrue();
    assertThatThrownBy(() -> attester.extendPcr(16, new byte[32]))
        .isInstanceOf(DeviceUnavailableException.class).hasMessageContaining("ReadOnlyIndex");
    assertThatThrownBy(() -> attester.extendPcr(0, new byte[32]))
        .isInstanceOf(DeviceUnavailableException.class);
  }

  @Test
  void exchange_garbageOrWrongVariant_throwsMalformed() {
    NsmAttester garbage = NsmAttester.over(new NsmDevice() {
      @Override public byte[] exchange(byte[] request) {
        return new byte[] {(byte) 0xff};
      }
      @Override public void close() {}
    });
    assertThatThrownBy(garbage::random).isInstanceOf(MalformedEvidenceException.class);
    NsmAttester wrong = NsmAttester.over(new NsmDevice() {
      @Override public byte[] exchange(byte[] request) {
        return Cbor.encode(CborMap.builder().put("DescribePCR", CborMap.builder().build()).build());
      }
      @Override public void close() {}
    });
    assertThatThrownBy(() -> wrong.attest(new byte[8])).isInstanceOf(MalformedEvidenceException.class);
  }

  @Test
  void open_withoutDevice_throwsNamingDevNsm() {
    assertThatThrownBy(() -> NsmIoctl.open(data.resolve("nsm")))
        .isInstanceOf(DeviceUnavailableException.class).hasMessageContaining("nsm.device")
        .hasMessageContaining("not running inside a Nitro enclave");
    if (!Files.exists(NsmIoctl.DEFAULT_PATH)) {
      assertThatThrownBy(NsmAttester::open).isInstanceOf(DeviceUnavailableException.class)
          .hasMessageContaining("/dev/nsm");
    }
  }

  @Test
  void ioctlNumber_matchesTheKernelHeader() {
    assertThat(NsmIoctl.NSM_IOCTL_RAW).isEqualTo(0xC0200A00L);
  }
}
