package dev.castellan.transport.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc socket calls (socket(2), bind(2), ...) as FFM downcalls, each capturing
 * {@code errno} right after the call (JEP 454, {@code Linker.Option.captureCallState}). A
 * return of -1 becomes a {@link SystemCallException}. Load only after {@link Platform#requireLinux}.
 */
final class Libc {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

  private static final MethodHandle SOCKET = downcall("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle BIND = downcall("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle LISTEN = downcall("listen", JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle ACCEPT4 = downcall("accept4", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
  private static final MethodHandle CONNECT = downcall("connect", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle RECV = downcall("recv", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
  private static final MethodHandle SEND = downcall("send", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
  private static final MethodHandle POLL = downcall("poll", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
  private static final MethodHandle SHUTDOWN = downcall("shutdown", JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle CLOSE = downcall("close", JAVA_INT, JAVA_INT);
  private static final MethodHandle GETSOCKOPT =
      downcall("getsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
  private static final MethodHandle GETSOCKNAME = downcall("getsockname", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);

  private Libc() {}

  private interface Call {
    long invoke(MemorySegment state) throws Throwable;
  }

  private static MethodHandle downcall(String name, MemoryLayout result, MemoryLayout... arguments) {
    MemorySegment symbol = LINKER.defaultLookup().find(name)
        .orElseThrow(() -> new IllegalStateException("libc has no " + name + "()"));
    return LINKER.downcallHandle(symbol, FunctionDescriptor.of(result, arguments),
        Linker.Option.captureCallState("errno"));
  }

  /**
   * Each thread's errno capture segment, allocated once per thread (not per call: raw stream
   * reads and writes make a system call or two each, on the forwarder's hot path).
   */
  private static final ThreadLocal<MemorySegment> STATES = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(STATE));

  private static long call(String name, Call call) throws SystemCallException {
    MemorySegment state = STATES.get();
    long result;
    try {
      result = call.invoke(state);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(name + "() downcall failed", t);
    }
    if (result == -1) {
      throw new SystemCallException(name, (int) ERRNO.get(state, 0L));
    }
    return result;
  }

  static int socket(int domain, int type, int protocol) throws SystemCallException {
    return (int) call("socket", s -> (int) SOCKET.invokeExact(s, domain, type, protocol));
  }

  static void bind(int fd, MemorySegment address) throws SystemCallException {
    call("bind", s -> (int) BIND.invokeExact(s, fd, address, (int) address.byteSize()));
  }

  static void listen(int fd, int backlog) throws SystemCallException {
    call("listen", s -> (int) LISTEN.invokeExact(s, fd, backlog));
  }

  static int accept4(int fd, MemorySegment address, MemorySegment length, int flags) throws SystemCallException {
    return (int) call("accept4", s -> (int) ACCEPT4.invokeExact(s, fd, address, length, flags));
  }

  static void connect(int fd, MemorySegment address) throws SystemCallException {
    call("connect", s -> (int) CONNECT.invokeExact(s, fd, address, (int) address.byteSize()));
  }

  static long recv(int fd, MemorySegment buffer, int flags) throws SystemCallException {
    return call("recv", s -> (long) RECV.invokeExact(s, fd, buffer, buffer.byteSize(), flags));
  }

  static long send(int fd, MemorySegment buffer, int flags) throws SystemCallException {
    return call("send", s -> (long) SEND.invokeExact(s, fd, buffer, buffer.byteSize(), flags));
  }

  static int poll(MemorySegment pollfd, int timeoutMillis) throws SystemCallException {
    return (int) call("poll", s -> (int) POLL.invokeExact(s, pollfd, 1L, timeoutMillis));
  }

  static void shutdown(int fd, int how) throws SystemCallException {
    call("shutdown", s -> (int) SHUTDOWN.invokeExact(s, fd, how));
  }

  static void close(int fd) throws SystemCallException {
    call("close", s -> (int) CLOSE.invokeExact(s, fd));
  }

  static void getsockopt(int fd, int level, int name, MemorySegment value, MemorySegment length)
      throws SystemCallException {
    call("getsockopt", s -> (int) GETSOCKOPT.invokeExact(s, fd, level, name, value, length));
  }

  static void getsockname(int fd, MemorySegment address, MemorySegment length) throws SystemCallException {
    call("getsockname", s -> (int) GETSOCKNAME.invokeExact(s, fd, address, length));
  }
}
