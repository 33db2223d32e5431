package dev.castellan.runtime.monitor;

import java.io.IOException;

/** What a monitor reports as it runs (the CLI prints it). Called from the monitor's thread. */
public interface MonitorListener {
  MonitorListener NONE = new MonitorListener() {};

  /** {@code change} was recorded and stored. */
  default void recorded(Change change) {}

  /** {@code path} could not be hashed (unreadable): it is not tracked until it changes again. */
  default void skipped(String path, IOException reason) {}

  /** Events were lost (the kernel's queue overflowed): a full rescan follows. */
  default void rescanning() {}
}
