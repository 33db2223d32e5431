package dev.castellan.attestation.simulator;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The simulator's persisted state (device secret, simulated vendor keys and certificates)
 * is missing, partial or corrupt. The message names the file. The simulator never silently
 * regenerates a root: clients pin it, so the operator decides (restore the file, or move the
 * directory away to create a new installation).
 */
public final class SimulatorStorageException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public SimulatorStorageException(Path file, String problem) {
    this(file, problem, null);
  }

  public SimulatorStorageException(Path file, String problem, Throwable cause) {
    super(
        "simulator file " + file + ": " + problem
            + "; the simulated root is not regenerated automatically (clients pin it):"
            + " restore the file, or move " + file.getParent() + " away to start a new installation",
        cause);
    this.file = file;
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }
}
