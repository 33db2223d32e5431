package dev.castellan.runtime.init;

import java.util.Locale;

/** Where a service is in its life. */
public enum ServiceState {
  /** Never started, or disabled and not started by hand. */
  INACTIVE,
  /** Its process is running. */
  RUNNING,
  /** Its process exited and it waits out the restart delay. */
  RESTARTING,
  /** Being stopped: SIGTERM sent, SIGKILL after the grace period. */
  STOPPING,
  /** Stopped on request. */
  STOPPED,
  /** Exited 0 and the policy does not restart it. */
  EXITED,
  /** Exited non-zero (or could not start) and the policy does not restart it. */
  FAILED;

  /** The state as the control protocol spells it: {@code running}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
