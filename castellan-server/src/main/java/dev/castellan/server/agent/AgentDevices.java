package dev.castellan.server.agent;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.Attester;
import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.DeviceUnavailableException;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.attestation.simulator.SimulatedGpu;
import dev.castellan.attestation.simulator.SimulatedSnpAttester;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.attestation.tdx.SimulatedTdxQuoteFactory;
import dev.castellan.attestation.tsm.TsmReportAttester;
import dev.castellan.core.bytes.Hex;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The agent's devices: the SEV-SNP or TDX attester (configfs-tsm, or the simulator of a data
 * directory, measuring this build as {@code castellan measure --platform snp|tdx} does) and
 * the GPU source of its configuration.
 */
public final class AgentDevices {
  private AgentDevices() {}

  /** The simulator's attester for {@code platform}, measuring {@code measurements}. */
  public static AgentAttester simulator(Platform platform, SimulatorHome home, BootMeasurements measurements, Clock clock,
      SecureRandom random) throws IOException {
    return switch (platform) {
      case SEV_SNP -> {
        SimulatedSnpAttester attester = SimulatedSnpAttester.create(home, measurements, random);
        try {
          yield new AgentAttester(attester, Map.of(
              new CollateralKey(Platform.SEV_SNP, "vcek", Hex.encode(attester.chipId())), attester.vcek().getEncoded()));
        } catch (CertificateEncodingException e) {
          throw new IOException("the simulator's VCEK cannot be encoded", e);
        }
      }
      case TDX -> {
        SimulatedTdxQuoteFactory factory = SimulatedTdxQuoteFactory.open(home, clock, random);
        byte[] mrTd = measurements.artifactDigest();
        Attester attester = new Attester() {
          @Override
          public Platform platform() {
            return Platform.TDX;
          }

          @Override
          public boolean simulated() {
            return true;
          }

          @Override
          public Evidence attest(byte[] reportData) throws AttestationException {
            return Evidence.of(Platform.TDX, factory.quote(SimulatedTdxQuoteFactory.TdFields.of(mrTd, reportData)));
          }
        };
        // Collateral valid from an hour ago, so that a verifier whose clock is a little behind accepts it.
        yield new AgentAttester(attester, factory.collateral(clock.instant().minus(Duration.ofHours(1)),
            Duration.ofDays(30)).entries(Platform.TDX));
      }
      default -> throw new IllegalArgumentException("the agent attests SEV-SNP or TDX, not " + platform);
    };
  }

  /** The configfs-tsm attester at {@code root}: SEV-SNP or TDX, as the kernel's provider says. */
  public static AgentAttester tsm(Path root) throws DeviceUnavailableException {
    return new AgentAttester(TsmReportAttester.open(root, OptionalInt.empty()), Map.of());
  }

  /**
   * Writes {@code <data>/agent/simulated-gpu-policy.json}: a policy whose {@code gpu} member pins
   * every measurement block, the driver and the VBIOS version of the simulated GPU of {@code
   * home}, for {@code verify-vm --gpu-policy}. It does not accept simulated evidence by itself:
   * the verifier still says {@code --allow-simulated}. On hardware, the reference values come
   * from NVIDIA (its reference integrity manifests), never from the VM.
   */
  public static Path writeSimulatedGpuPolicy(SimulatorHome home, Path dataDirectory, Clock clock, SecureRandom random)
      throws IOException {
    SimulatedGpu gpu = SimulatedGpu.open(home, clock, random);
    Map<String, Object> measurements = new java.util.LinkedHashMap<>();
    gpu.measurements().forEach((index, digest) -> measurements.put(Integer.toString(index), java.util.List.of(Hex.encode(digest))));
    Map<String, Object> reference = new java.util.LinkedHashMap<>();
    reference.put("measurements", measurements);
    reference.put("driverVersions", java.util.List.of(SimulatedGpu.DRIVER_VERSION));
    reference.put("vbiosVersions", java.util.List.of(SimulatedGpu.VBIOS_VERSION));
    Path file = dataDirectory.resolve("agent").resolve("simulated-gpu-policy.json");
    dev.castellan.keys.SealedFile.writeAtomically(file, new tools.jackson.databind.ObjectMapper()
        .writerWithDefaultPrettyPrinter().writeValueAsBytes(Map.of("gpu", reference)));
    java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    return file;
  }

  /** The GPU source {@code config} names. */
  public static GpuSource gpu(AgentConfig.Gpu config, Optional<SimulatorHome> home, Clock clock, SecureRandom random)
      throws IOException {
    return switch (config) {
      case AgentConfig.Gpu.None none -> GpuSource.none();
      case AgentConfig.Gpu.Simulated simulated -> {
        SimulatedGpu gpu = SimulatedGpu.open(home.orElseThrow(() -> new IOException(
            "the configuration asks for the simulated GPU, which needs the simulator (--tee simulator)")), clock, random);
        yield nonce -> Optional.of(gpu.attest(nonce));
      }
      case AgentConfig.Gpu.Command command -> new CommandGpuSource(command.command(), command.chain());
    };
  }
}
