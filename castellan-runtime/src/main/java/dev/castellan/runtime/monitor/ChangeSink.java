package dev.castellan.runtime.monitor;

import java.io.IOException;

/**
 * Where changes are recorded. {@link #record} MUST return only once the change is durable;
 * the monitor updates its hash store after it returns, never before, so a change is never
 * stored without its record (a crash in between records it again at the next start).
 */
@FunctionalInterface
public interface ChangeSink {
  void record(Change change) throws IOException;
}
