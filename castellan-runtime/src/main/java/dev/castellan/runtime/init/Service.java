package dev.castellan.runtime.init;

import dev.castellan.runtime.init.internal.Children;
import dev.castellan.runtime.init.internal.RotatingLog;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One unit's process and its life: a supervising thread starts it, pumps its output (stdout
 * and stderr together) into its {@link RotatingLog}, and on exit restarts it if the policy
 * says so, after {@code RestartSec × 2^n} capped at {@link InitOptions#backoffCap()}.
 */
final class Service {
  private final Unit unit;
  private final InitOptions options;
  private final Children children;
  private final RotatingLog log;

  private ServiceState state = ServiceState.INACTIVE;
  private boolean enabled;
  private boolean wanted;
  private Process process;
  private Thread supervisor;
  private int restarts;
  private Integer lastExitCode;
  private Instant startedAt;

  Service(Unit unit, InitOptions options, Children children) throws IOException {
    this.unit = unit;
    this.options = options;
    this.children = children;
    this.enabled = unit.enabled();
    this.log = new RotatingLog(options.logs().resolve(unit.name() + ".log"), options.logFileSize(), options.logFiles());
  }

  Unit unit() {
    return unit;
  }

  synchronized boolean enabled() {
    return enabled;
  }

  synchronized void setEnabled(boolean value) {
    enabled = value;
  }

  synchronized boolean active() {
    return state == ServiceState.RUNNING || state == ServiceState.RESTARTING || state == ServiceState.STOPPING;
  }

  /**
   * Starts the process now, in the calling thread (so that services started one after the
   * other are forked in that order), and a supervising thread for it, unless one runs already.
   */
  synchronized void start() {
    if (supervisor != null && supervisor.isAlive()) {
      return;
    }
    wanted = true;
    restarts = 0;
    Process first = spawn();
    supervisor = Thread.ofPlatform().daemon().name("castellan-init-" + unit.name()).start(() -> supervise(first));
  }

  /** Forks the unit's process; null (and exit code 127 noted) if it cannot be started. */
  private synchronized Process spawn() {
    Process running;
    try {
      running = children.start(builder());
      state = ServiceState.RUNNING;
      note("started pid " + running.pid());
    } catch (IOException e) {
      note("cannot start " + unit.execStart().getFirst() + ": " + e.getMessage());
      running = null;
    }
    process = running;
    startedAt = Instant.ofEpochMilli(options.clock().millis());
    return running;
  }

  private void supervise(Process first) {
    int failuresInARow = 0;
    Process running = first;
    while (true) {
      Instant began = options.clock().instant();
      int exit = running == null ? 127 : waitFor(running);
      Duration ran = Duration.between(began, options.clock().instant());
      Duration delay;
      synchronized (this) {
        process = null;
        lastExitCode = exit;
        if (running != null) {
          note("exited with " + exit);
        }
        if (!wanted) {
          state = ServiceState.STOPPED;
          notifyAll();
          return;
        }
        if (!unit.restart().restarts(exit)) {
          state = exit == 0 ? ServiceState.EXITED : ServiceState.FAILED;
          wanted = false;
          notifyAll();
          return;
        }
        if (ran.compareTo(options.backoffCap()) >= 0 || options.backoffCap().isZero()) {
          failuresInARow = 0;
        }
        delay = backoff(failuresInARow++);
        state = ServiceState.RESTARTING;
        note("restarting in " + delay.toMillis() + " ms (" + unit.restart() + ")");
      }
      try {
        options.sleeper().sleep(delay);
      } catch (InterruptedException e) {
        synchronized (this) {
          state = ServiceState.STOPPED;
          wanted = false;
          notifyAll();
        }
        return;
      }
      synchronized (this) {
        if (!wanted) {
          state = ServiceState.STOPPED;
          return;
        }
        restarts++;
        running = spawn();
      }
    }
  }

  /** {@code RestartSec × 2^attempt}, capped; never negative or overflowing. */
  Duration backoff(int attempt) {
    Duration first = unit.restartSec();
    Duration cap = options.backoffCap();
    Duration delay = first;
    for (int i = 0; i < attempt && delay.compareTo(cap) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(cap) > 0 ? cap : delay;
  }

  private ProcessBuilder builder() {
    ProcessBuilder builder = new ProcessBuilder(unit.execStart()).redirectErrorStream(true);
    builder.environment().putAll(unit.environment());
    unit.workingDirectory().ifPresent(directory -> builder.directory(directory.toFile()));
    return builder;
  }

  private int waitFor(Process running) {
    Thread pump = Thread.ofPlatform().daemon().name("castellan-init-log-" + unit.name()).start(() -> pump(running));
    try {
      int exit = running.waitFor();
      pump.join(1000); // a grandchild holding the pipe open must not hold up the restart
      return exit;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private void pump(Process running) {
    byte[] buffer = new byte[8192];
    try (InputStream in = running.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        log.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // the pipe closed under us (the process was killed); nothing more to copy
    }
  }

  private void note(String line) {
    try {
      log.note(line);
    } catch (IOException e) {
      // a full disk must not stop supervision; the status still says what happened
    }
  }

  /**
   * Stops the service: SIGTERM to its process; after {@code grace}, SIGKILL to it and to every
   * descendant it still has. Returns once the supervising thread has finished.
   */
  void stop(Duration grace) {
    Process running;
    Thread thread;
    synchronized (this) {
      wanted = false;
      thread = supervisor;
      running = process;
      if (thread == null || !thread.isAlive()) {
        return;
      }
      if (running == null) {
        thread.interrupt(); // waiting out a restart delay
      } else {
        state = ServiceState.STOPPING;
        note("stopping: SIGTERM to pid " + running.pid());
      }
    }
    if (running != null) {
      terminate(running, grace);
    }
    try {
      thread.join(grace.toMillis() + 5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void terminate(Process running, Duration grace) {
    List<ProcessHandle> descendants = running.descendants().toList();
    running.destroy();
    try {
      if (running.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    note(String.format(Locale.ROOT, "still running %d ms after SIGTERM: SIGKILL", grace.toMillis()));
    for (ProcessHandle descendant : running.descendants().toList()) {
      descendant.destroyForcibly();
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
    running.destroyForcibly();
  }

  synchronized ServiceStatus status() {
    return new ServiceStatus(unit.name(), state, enabled,
        process == null ? OptionalLong.empty() : OptionalLong.of(process.pid()), restarts,
        lastExitCode == null ? OptionalInt.empty() : OptionalInt.of(lastExitCode),
        Optional.ofNullable(startedAt), unit.restart(), unit.execStart());
  }

  synchronized OptionalLong pid() {
    return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
  }

  List<String> logs(int lines) throws IOException {
    return log.tail(lines);
  }

  void closeLog() {
    try {
      log.close();
    } catch (IOException e) {
      // closing at shutdown: nothing left to report it to
    }
  }
}
