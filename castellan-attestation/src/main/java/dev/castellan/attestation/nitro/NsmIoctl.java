package dev.castellan.attestation.nitro;

import dev.castellan.attestation.DeviceUnavailableException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code /dev/nsm} through the Linux NSM driver ({@code include/uapi/linux/nsm.h}): {@code
 * ioctl(fd, NSM_IOCTL_RAW, struct nsm_raw *)} where {@code nsm_raw} is two {@code {u64 addr;
 * u64 len}} iovecs (request, response) and the driver writes the response length back.
 * Called with the JDK's foreign function API (run with {@code
 * --enable-native-access=ALL-UNNAMED} to silence the JDK's warning).
 */
public final class NsmIoctl implements NsmDevice {
  /** Where the driver exposes the NSM inside an enclave. */
  public static final Path DEFAULT_PATH = Path.of("/dev/nsm");

  /** _IOWR(0x0A, 0, struct nsm_raw) with sizeof(struct nsm_raw) = 32. */
  static final long NSM_IOCTL_RAW = (3L << 30) | (32L << 16) | (0x0AL << 8);

  private static final int O_RDWR = 2;
  private static final int O_CLOEXEC = 0x80000;

  private static final StructLayout IOVEC =
      MemoryLayout.structLayout(ValueLayout.JAVA_LONG.withName("addr"), ValueLayout.JAVA_LONG.withName("len"));
  private static final StructLayout NSM_RAW =
      MemoryLayout.structLayout(IOVEC.withName("request"), IOVEC.withName("response"));
  private static final VarHandle RESPONSE_LEN =
      NSM_RAW.varHandle(MemoryLayout.PathElement.groupElement("response"), MemoryLayout.PathElement.groupElement("len"));

  private final Path path;
  private final int fd;
  private final MethodHandle ioctl;
  private final MethodHandle close;

  private NsmIoctl(Path path, int fd, MethodHandle ioctl, MethodHandle close) {
    this.path = path;
    this.fd = fd;
    this.ioctl = ioctl;
    this.close = close;
  }

  /**
   * Opens the NSM at {@code path}.
   *
   * @throws DeviceUnavailableException naming {@code path} if it does not exist (not inside a
   *     Nitro enclave) or cannot be opened
   */
  @SuppressWarnings("restricted") // calling libc is the point; see the class documentation
  public static NsmIoctl open(Path path) throws DeviceUnavailableException {
    if (!Files.exists(path)) {
      throw new DeviceUnavailableException("nsm.device",
          "Nitro Secure Module not found: " + path + " does not exist (not running inside a Nitro enclave)");
    }
    try {
      Linker linker = Linker.nativeLinker();
      var libc = linker.defaultLookup();
      MethodHandle open = linker.downcallHandle(libc.find("open").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
          Linker.Option.firstVariadicArg(2));
      MethodHandle ioctl = linker.downcallHandle(libc.find("ioctl").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
          Linker.Option.firstVariadicArg(2));
      MethodHandle close = linker.downcallHandle(libc.find("close").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
      int fd;
      try (Arena arena = Arena.ofConfined()) {
        fd = (int) open.invokeExact(arena.allocateFrom(path.toString()), O_RDWR | O_CLOEXEC);
      }
      if (fd < 0) {
        throw new DeviceUnavailableException("nsm.device", "cannot open " + path);
      }
      return new NsmIoctl(path, fd, ioctl, close);
    } catch (DeviceUnavailableException e) {
      throw e;
    } catch (Throwable e) {
      throw new DeviceUnavailableException("nsm.device", "cannot open " + path + " through the foreign function API", e);
    }
  }

  @Override
  public byte[] exchange(byte[] request) throws DeviceUnavailableException {
    if (request.length == 0 || request.length > MAX_REQUEST) {
      throw new DeviceUnavailableException("nsm.request", "request size out of bounds",
          "1.." + MAX_REQUEST, Integer.toString(request.length));
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment req = arena.allocate(request.length);
      MemorySegment.copy(request, 0, req, ValueLayout.JAVA_BYTE, 0, request.length);
      MemorySegment resp = arena.allocate(MAX_RESPONSE);
      MemorySegment raw = arena.allocate(NSM_RAW);
      raw.set(ValueLayout.JAVA_LONG, 0, req.address());
      raw.set(ValueLayout.JAVA_LONG, 8, request.length);
      raw.set(ValueLayout.JAVA_LONG, 16, resp.address());
      raw.set(ValueLayout.JAVA_LONG, 24, MAX_RESPONSE);
      int rc = (int) ioctl.invokeExact(fd, NSM_IOCTL_RAW, raw);
      if (rc < 0) {
        throw new DeviceUnavailableException("nsm.ioctl", "NSM_IOCTL_RAW failed on " + path);
      }
      long length = (long) RESPONSE_LEN.get(raw, 0L);
      if (length <= 0 || length > MAX_RESPONSE) {
        throw new DeviceUnavailableException("nsm.ioctl", "NSM response length out of bounds",
            "1.." + MAX_RESPONSE, Long.toString(length));
      }
      return resp.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
    } catch (DeviceUnavailableException e) {
      throw e;
    } catch (Throwable e) {
      throw new DeviceUnavailableException("nsm.ioctl", "NSM request failed on " + path, e);
    }
  }

  @Override
  public void close() {
    try {
      int ignored = (int) close.invokeExact(fd);
    } catch (Throwable e) {
      // Closing a device descriptor cannot meaningfully fail here; nothing to recover.
    }
  }
}
