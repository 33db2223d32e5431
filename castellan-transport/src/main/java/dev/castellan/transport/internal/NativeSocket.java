package dev.castellan.transport.internal;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.castellan.transport.ConnectionClosedException;
import dev.castellan.transport.TransportException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A stream socket file descriptor (AF_UNIX or AF_VSOCK) driven through {@link Libc}. Reads and
 * writes wait in poll(2) for at most the deadline's remaining time and then transfer without
 * blocking (MSG_DONTWAIT), so no call outlives its deadline. close() first shuts the socket
 * down, which wakes blocked callers, and closes the descriptor only once they have left, so a
 * reused descriptor number is never read or written by a late caller.
 */
public final class NativeSocket implements ByteStream {
  static final int SOCK_STREAM = 1;
  static final int SOCK_CLOEXEC = 0x80000;
  private static final int MSG_DONTWAIT = 0x40;
  private static final int MSG_NOSIGNAL = 0x4000;
  private static final short POLLIN = 1;
  private static final short POLLOUT = 4;
  private static final int SHUT_WR = 1;
  private static final int SHUT_RDWR = 2;
  private static final int FOREVER = -1;
  private static final int CHUNK = 64 * 1024;

  private final int fd;
  private final ReentrantLock reading = new ReentrantLock();
  private final ReentrantLock writing = new ReentrantLock();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The {@code struct pollfd} of the reading side, used under {@code reading}. */
  private final MemorySegment readPoll;
  /** The {@code struct pollfd} of the writing side, used under {@code writing}. */
  private final MemorySegment writePoll;

  private NativeSocket(int fd) {
    this.fd = fd;
    Arena arena = Arena.ofAuto(); // freed with this socket: no allocation per poll
    this.readPoll = pollfd(arena, fd, POLLIN);
    this.writePoll = pollfd(arena, fd, POLLOUT);
  }

  private static MemorySegment pollfd(Arena arena, int fd, short events) {
    MemorySegment pollfd = arena.allocate(8); // struct pollfd { int fd; short events; short revents; }
    pollfd.set(JAVA_INT, 0, fd);
    pollfd.set(JAVA_SHORT, 4, events);
    return pollfd;
  }

  /** A new stream socket of {@code family}, close-on-exec so child processes do not inherit it. */
  public static NativeSocket open(int family) throws SystemCallException {
    return new NativeSocket(Libc.socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0));
  }

  public void bind(byte[] socketAddress) throws SystemCallException {
    try (Arena arena = Arena.ofConfined()) {
      Libc.bind(fd, arena.allocateFrom(JAVA_BYTE, socketAddress));
    }
  }

  public void listen(int backlog) throws SystemCallException {
    Libc.listen(fd, backlog);
  }

  /** connect(2); blocking, bounded by the kernel (immediate for AF_UNIX, 2 s default for vsock). */
  public void connect(byte[] socketAddress) throws SystemCallException {
    try (Arena arena = Arena.ofConfined()) {
      Libc.connect(fd, arena.allocateFrom(JAVA_BYTE, socketAddress));
    }
  }

  /** getsockname(2), at most {@code capacity} bytes. */
  public byte[] localAddress(int capacity) throws SystemCallException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment address = arena.allocate(capacity);
      MemorySegment length = arena.allocateFrom(JAVA_INT, capacity);
      Libc.getsockname(fd, address, length);
      return address.asSlice(0, Math.min(capacity, length.get(JAVA_INT, 0))).toArray(JAVA_BYTE);
    }
  }

  /** getsockopt(2) of an option of at most {@code capacity} bytes. */
  public byte[] option(int level, int name, int capacity) throws SystemCallException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment value = arena.allocate(capacity);
      MemorySegment length = arena.allocateFrom(JAVA_INT, capacity);
      Libc.getsockopt(fd, level, name, value, length);
      return value.asSlice(0, Math.min(capacity, length.get(JAVA_INT, 0))).toArray(JAVA_BYTE);
    }
  }

  /** A connected socket and the peer's address, or null if none arrived within {@code waitMillis}. */
  public record Accepted(NativeSocket socket, byte[] peerAddress) {}

  public Accepted accept(int addressCapacity, int waitMillis) throws TransportException, SystemCallException {
    reading.lock();
    try {
      ensureOpen();
      if (!ready(readPoll, waitMillis)) {
        return null;
      }
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment address = arena.allocate(addressCapacity);
        MemorySegment length = arena.allocateFrom(JAVA_INT, addressCapacity);
        int client;
        try {
          client = Libc.accept4(fd, address, length, SOCK_CLOEXEC);
        } catch (SystemCallException e) {
          ensureOpen(); // close() shut the socket down under us: EINVAL
          throw e;
        }
        int size = Math.min(addressCapacity, length.get(JAVA_INT, 0));
        return new Accepted(new NativeSocket(client), address.asSlice(0, size).toArray(JAVA_BYTE));
      }
    } finally {
      reading.unlock();
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length, Deadline deadline) throws TransportException {
    reading.lock();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment chunk = arena.allocate(Math.min(length, CHUNK));
      while (true) {
        ensureOpen();
        if (!ready(readPoll, deadline.remainingMillis())) {
          continue; // remainingMillis() throws once the deadline has passed
        }
        long n;
        try {
          n = Libc.recv(fd, chunk, MSG_DONTWAIT);
        } catch (SystemCallException e) {
          if (e.errno() == Errno.EAGAIN || e.errno() == Errno.EINTR) {
            continue;
          }
          throw failure(e);
        }
        if (n == 0) {
          return -1;
        }
        MemorySegment.copy(chunk, JAVA_BYTE, 0, buffer, offset, (int) n);
        return (int) n;
      }
    } finally {
      reading.unlock();
    }
  }

  @Override
  public void write(byte[] buffer, int offset, int length, Deadline deadline) throws TransportException {
    writing.lock();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment chunk = arena.allocate(Math.min(length, CHUNK));
      int done = 0;
      while (done < length) {
        ensureOpen();
        if (!ready(writePoll, deadline.remainingMillis())) {
          continue;
        }
        int size = Math.min(length - done, CHUNK);
        MemorySegment.copy(buffer, offset + done, chunk, JAVA_BYTE, 0, size);
        try {
          done += (int) Libc.send(fd, chunk.asSlice(0, size), MSG_DONTWAIT | MSG_NOSIGNAL);
        } catch (SystemCallException e) {
          if (e.errno() != Errno.EAGAIN && e.errno() != Errno.EINTR) {
            throw failure(e);
          }
        }
      }
    } finally {
      writing.unlock();
    }
  }

  /**
   * Raw stream read into {@code buffer} (position to limit), waiting without a deadline until
   * data, end of stream or close(); the count, or -1 at end of stream. A direct buffer is read
   * into without a copy.
   */
  public int receive(ByteBuffer buffer) throws TransportException {
    reading.lock();
    Arena arena = buffer.isDirect() ? null : Arena.ofConfined(); // a direct buffer needs no staging
    try {
      MemorySegment target = arena == null ? MemorySegment.ofBuffer(buffer)
          : arena.allocate(Math.min(buffer.remaining(), CHUNK));
      while (true) {
        ensureOpen();
        if (!ready(readPoll, FOREVER)) {
          continue;
        }
        long n;
        try {
          n = Libc.recv(fd, target, MSG_DONTWAIT);
        } catch (SystemCallException e) {
          if (e.errno() == Errno.EAGAIN || e.errno() == Errno.EINTR) {
            continue;
          }
          throw failure(e);
        }
        if (n == 0) {
          ensureOpen(); // close() shuts the socket down, which reads as end of stream
          return -1;
        }
        if (!buffer.isDirect()) {
          MemorySegment.copy(target, JAVA_BYTE, 0, buffer.array(), buffer.arrayOffset() + buffer.position(), (int) n);
        }
        buffer.position(buffer.position() + (int) n);
        return (int) n;
      }
    } finally {
      if (arena != null) {
        arena.close();
      }
      reading.unlock();
    }
  }

  /** Raw stream write of every remaining byte of {@code buffer}, waiting without a deadline. */
  public void sendAll(ByteBuffer buffer) throws TransportException {
    writing.lock();
    Arena arena = buffer.isDirect() ? null : Arena.ofConfined(); // a direct buffer needs no staging
    try {
      MemorySegment staging = arena == null ? null : arena.allocate(Math.min(buffer.remaining(), CHUNK));
      while (buffer.hasRemaining()) {
        ensureOpen();
        if (!ready(writePoll, FOREVER)) {
          continue;
        }
        MemorySegment source;
        if (staging == null) {
          source = MemorySegment.ofBuffer(buffer);
        } else {
          int size = Math.min(buffer.remaining(), CHUNK);
          MemorySegment.copy(buffer.array(), buffer.arrayOffset() + buffer.position(), staging, JAVA_BYTE, 0, size);
          source = staging.asSlice(0, size);
        }
        try {
          buffer.position(buffer.position() + (int) Libc.send(fd, source, MSG_DONTWAIT | MSG_NOSIGNAL));
        } catch (SystemCallException e) {
          if (e.errno() != Errno.EAGAIN && e.errno() != Errno.EINTR) {
            throw failure(e);
          }
        }
      }
    } finally {
      if (arena != null) {
        arena.close();
      }
      writing.unlock();
    }
  }

  /** shutdown(SHUT_WR): the peer reads end of stream; reads on this side go on. */
  public void shutdownOutput() throws TransportException {
    ensureOpen();
    try {
      Libc.shutdown(fd, SHUT_WR);
    } catch (SystemCallException e) {
      throw failure(e);
    }
  }

  private boolean ready(MemorySegment pollfd, int timeoutMillis) throws TransportException {
    try {
      return Libc.poll(pollfd, timeoutMillis) > 0;
    } catch (SystemCallException e) {
      if (e.errno() == Errno.EINTR) {
        return false;
      }
      throw failure(e);
    }
  }

  private void ensureOpen() throws ConnectionClosedException {
    if (closed.get()) {
      throw new ConnectionClosedException("the connection is closed");
    }
  }

  private TransportException failure(SystemCallException e) {
    if (closed.get()) {
      return new ConnectionClosedException("the connection is closed");
    }
    if (e.errno() == Errno.EPIPE || e.errno() == Errno.ECONNRESET) {
      return new ConnectionClosedException("the peer closed the connection: " + e.getMessage());
    }
    return new TransportException(e.getMessage(), e);
  }

  /** Whether close() has been called. */
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Libc.shutdown(fd, SHUT_RDWR);
    } catch (SystemCallException notConnected) {
      // a listening or never-connected socket: nothing to shut down
    }
    reading.lock();
    writing.lock();
    try {
      Libc.close(fd);
    } catch (SystemCallException ignored) {
      // close(2) releases the descriptor even when it reports an error
    } finally {
      writing.unlock();
      reading.unlock();
    }
  }
}
