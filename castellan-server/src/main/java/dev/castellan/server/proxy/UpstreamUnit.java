package dev.castellan.server.proxy;

import dev.castellan.runtime.init.InitException;
import dev.castellan.runtime.init.InitOptions;
import dev.castellan.runtime.init.ServiceManager;
import dev.castellan.runtime.init.ServiceStatus;
import dev.castellan.runtime.init.Unit;
import dev.castellan.runtime.init.UnitFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The application as a unit of the runtime's service manager: its file is checked where the
 * operator wrote it (errors name that file and line), copied as the only unit of {@code
 * <data>/proxy/units/}, started with its restart policy, logged to {@code <data>/proxy/logs/
 * NAME.log}, and stopped (SIGTERM, then SIGKILL after the grace period) when the oracle stops.
 */
final class UpstreamUnit implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(UpstreamUnit.class.getName());
  static final Duration GRACE = Duration.ofSeconds(5);

  private final ServiceManager manager;
  private final Unit unit;
  private final Path logs;

  private UpstreamUnit(ServiceManager manager, Unit unit, Path logs) {
    this.manager = manager;
    this.unit = unit;
    this.logs = logs;
  }

  /** Reads and checks {@code file} as the upstream's unit; the message names the file and line. */
  static Unit check(Path file) throws IOException {
    return parse(file, read(file));
  }

  private static byte[] read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(UnitFiles.MAXIMUM_FILE_SIZE + 1);
    } catch (IOException e) {
      throw new IOException("cannot read the upstream unit " + file + ": " + e.getMessage(), e);
    }
  }

  private static Unit parse(Path file, byte[] bytes) throws IOException {
    Unit unit;
    try {
      unit = UnitFiles.parse(file, new String(bytes, StandardCharsets.UTF_8));
    } catch (InitException e) {
      throw new IOException(e.getMessage(), e);
    }
    if (!unit.requires().isEmpty() || !unit.requiredBy().isEmpty()) {
      throw new IOException(file + ": the upstream unit is started alone; Requires and RequiredBy name no unit here");
    }
    return unit;
  }

  static UpstreamUnit start(Path file, Path dataDirectory) throws IOException {
    byte[] bytes = read(file);
    Unit unit = parse(file, bytes);
    Path units = dataDirectory.resolve("proxy").resolve("units");
    Path logs = dataDirectory.resolve("proxy").resolve("logs");
    Files.createDirectories(units);
    try (DirectoryStream<Path> old = Files.newDirectoryStream(units, "*" + Unit.SUFFIX)) {
      for (Path stale : old) {
        Files.delete(stale);
      }
    }
    Files.write(units.resolve(unit.name() + Unit.SUFFIX), bytes);
    ServiceManager manager;
    try {
      manager = ServiceManager.load(InitOptions.defaults(units, logs).withGrace(GRACE));
      manager.start(unit.name());
    } catch (InitException e) {
      throw new IOException("cannot start the upstream unit " + file + ": " + e.getMessage(), e);
    }
    UpstreamUnit started = new UpstreamUnit(manager, unit, logs);
    LOG.log(System.Logger.Level.INFO, "started the upstream unit {0} ({1}), restart {2}, log {3}", unit.name(),
        unit.execStart().getFirst(), unit.restart(), started.logFile());
    return started;
  }

  ServiceStatus status() throws InitException {
    return manager.status(unit.name());
  }

  Path logFile() {
    return logs.resolve(unit.name() + ".log");
  }

  String name() {
    return unit.name();
  }

  @Override
  public void close() {
    manager.shutdown();
    LOG.log(System.Logger.Level.INFO, "stopped the upstream unit {0}", unit.name());
  }
}
