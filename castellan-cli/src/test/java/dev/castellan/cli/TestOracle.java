package dev.castellan.cli;

import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.oracle.ApplicationMeasurement;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.server.oracle.OracleInfo;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/** A data directory where the oracle has booted once, as after {@code castellan up}: its simulated TEE and authority. */
public final class TestOracle {
  private TestOracle() {}

  public static void boot(Path data) throws Exception {
    SecureRandom random = new SecureRandom();
    OracleInfo info = new OracleInfo("test", Optional.empty(), Optional.empty());
    SimulatedNitroDevice device = SimulatedNitroDevice.boot(SimulatorHome.open(data, Clock.systemUTC(), random),
        ApplicationMeasurement.ofRunningApplication(info), Clock.systemUTC(), random);
    Oracle.boot(ServerConfig.defaults().withDataDirectory(data).withPort(0).withTls(false),
        new SimulatedNitroTee(device), info, Clock.systemUTC(), random).close();
  }

  /** The uid this test runs as: the Unix peer a service sees. */
  public static long uid() throws Exception {
    Process id = new ProcessBuilder("id", "-u").start();
    return Long.parseLong(new String(id.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip());
  }
}
