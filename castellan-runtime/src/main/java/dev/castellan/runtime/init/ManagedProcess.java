package dev.castellan.runtime.init;

import java.util.List;
import java.util.Optional;

/**
 * A process the manager runs: a service's current process, or one started with ProcessStart.
 *
 * @param pid its process id
 * @param command its program and arguments
 * @param service the unit it belongs to, or empty for a ProcessStart process
 * @param alive whether it is still running
 */
public record ManagedProcess(long pid, List<String> command, Optional<String> service, boolean alive) {
  /** Copies the command. */
  public ManagedProcess {
    command = List.copyOf(command);
  }
}
