package dev.castellan.runtime.init.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reaps orphans when the manager is PID 1: processes re-parented to it when their parent
 * died (a daemon's double fork) become zombies that nobody else will wait for.
 *
 * <p>The JDK waits for the children it started itself, to complete {@code Process.onExit()}
 * with their exit code; {@code waitpid(-1)} would steal that status. So a pass first peeks:
 * {@code waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT)} names a waitable child without
 * reaping it. If that child is not one the manager started ({@link Children}), it is reaped by
 * its pid, {@code waitpid(pid, &status, WNOHANG)}, and the pass goes on. If it is one of ours,
 * the JDK will reap it; since waitid(P_ALL) would keep naming it until then, the pass instead
 * looks at this process's other children ({@code /proc/PID/stat} state Z) and reaps the
 * zombies among them that are not ours, by pid.
 *
 * <p>Limits: a child started by other code in this JVM (not through {@link Children}) looks
 * like an orphan and would be reaped, its exit status lost to that code; the manager starts
 * every process through {@link Children}. Reaping is by polling (see {@link #PERIOD_MILLIS}),
 * not on SIGCHLD, which the JVM does not let Java code handle, so a zombie lasts up to one
 * period. Linux on x86_64 and aarch64 only (the offset of {@code si_pid} in siginfo_t).
 */
public final class OrphanReaper implements AutoCloseable {
  /** How often the reaper looks for zombies. */
  public static final int PERIOD_MILLIS = 200;

  private static final int P_ALL = 0;
  private static final int WNOHANG = 1;
  private static final int WEXITED = 4;
  private static final int WNOWAIT = 0x0100_0000;
  private static final int SIGINFO_SIZE = 128;
  private static final long SI_PID_OFFSET = 16; // after si_signo, si_errno, si_code and padding
  private static final int BATCH = 1024;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final MethodHandle WAITID = LINKER.downcallHandle(
      LINKER.defaultLookup().find("waitid").orElseThrow(),
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle WAITPID = LINKER.downcallHandle(
      LINKER.defaultLookup().find("waitpid").orElseThrow(),
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));

  private final Children children;
  private final Thread thread;
  private volatile boolean closed;
  private volatile long reaped;

  private OrphanReaper(Children children) {
    this.children = children;
    this.thread = Thread.ofPlatform().daemon().name("castellan-init-reaper").unstarted(this::run);
  }

  /** Starts reaping in a background thread. */
  public static OrphanReaper start(Children children) {
    OrphanReaper reaper = new OrphanReaper(children);
    reaper.thread.start();
    return reaper;
  }

  /** How many orphans this reaper has reaped. */
  public long reaped() {
    return reaped;
  }

  private void run() {
    while (!closed) {
      try {
        reapOnce();
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One pass; returns how many orphans it reaped. */
  public int reapOnce() {
    int count = 0;
    synchronized (children.lock()) {
      for (int i = 0; i < BATCH; i++) {
        int pid = peek();
        if (pid <= 0) {
          break;
        }
        if (children.startedByUs(pid)) {
          count += reapZombiesNotOurs();
          break;
        }
        if (reap(pid)) {
          count++;
        }
      }
    }
    reaped += count;
    return count;
  }

  private int reapZombiesNotOurs() {
    int[] count = {0};
    ProcessHandle.current().children().forEach(child -> {
      long pid = child.pid();
      if (!children.startedByUs(pid) && zombie(pid) && reap((int) pid)) {
        count[0]++;
      }
    });
    return count[0];
  }

  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
      int close = stat.lastIndexOf(')');
      return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The pid of a waitable child, without reaping it; 0 if none (or no children at all). */
  private static int peek() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment info = arena.allocate(SIGINFO_SIZE); // zeroed: si_pid stays 0 when nothing is waitable
      int result = (int) WAITID.invokeExact(P_ALL, 0, info, WEXITED | WNOHANG | WNOWAIT);
      return result == 0 ? info.get(JAVA_INT, SI_PID_OFFSET) : 0;
    } catch (Throwable t) {
      throw new IllegalStateException("waitid() downcall failed", t);
    }
  }

  private static boolean reap(int pid) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment status = arena.allocate(JAVA_INT);
      return (int) WAITPID.invokeExact(pid, status, WNOHANG) == pid;
    } catch (Throwable t) {
      throw new IllegalStateException("waitpid() downcall failed", t);
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
