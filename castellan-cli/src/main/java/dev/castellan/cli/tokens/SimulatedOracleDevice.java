package dev.castellan.cli.tokens;

import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.cli.CliException;
import dev.castellan.cli.ErrorKind;
import dev.castellan.server.oracle.ApplicationMeasurement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The simulated device of a data directory, booted with this build's measurement as
 * {@code castellan up} boots it, so that what the oracle sealed there unseals here (and only
 * for the same build).
 */
public final class SimulatedOracleDevice {
  private SimulatedOracleDevice() {}

  public static SimulatedNitroTee boot(Path dataDirectory, Clock clock, SecureRandom random)
      throws IOException, GeneralSecurityException, CliException {
    if (!Files.isDirectory(dataDirectory.resolve(SimulatorHome.DIRECTORY))) {
      throw new CliException(ErrorKind.OPERATION, "no simulated TEE in " + dataDirectory
          + ": boot the oracle there first with 'castellan up --data " + dataDirectory + "'");
    }
    return new SimulatedNitroTee(SimulatedNitroDevice.boot(SimulatorHome.open(dataDirectory, clock, random),
        ApplicationMeasurement.ofRunningApplication(), clock, random));
  }
}
