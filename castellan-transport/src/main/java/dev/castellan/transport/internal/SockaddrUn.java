package dev.castellan.transport.internal;

import dev.castellan.transport.TransportException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code struct sockaddr_un} (unix(7)): {@code sa_family_t sun_family} (AF_UNIX = 1, host byte
 * order) then {@code char sun_path[108]}, a NUL-terminated path, so at most 107 path bytes.
 */
public final class SockaddrUn {
  public static final int AF_UNIX = 1;
  public static final int MAXIMUM_PATH_BYTES = 107;

  private SockaddrUn() {}

  /** The address for {@code path} (its UTF-8 bytes), sized to family + path + NUL. */
  public static byte[] encode(String path, ByteOrder order) throws TransportException {
    byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0 || bytes.length > MAXIMUM_PATH_BYTES) {
      throw new TransportException(String.format(Locale.ROOT,
          "a Unix socket path must be 1 to %d bytes; this one is %d bytes", MAXIMUM_PATH_BYTES, bytes.length));
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw new TransportException("a Unix socket path must not contain NUL");
      }
    }
    return ByteBuffer.allocate(2 + bytes.length + 1).order(order)
        .putShort((short) AF_UNIX).put(bytes).put((byte) 0).array();
  }
}
