package dev.castellan.runtime.init;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The client side of the control protocol over a Unix socket, as {@code nc -U} does it: one
 * request line, then the response up to the server's close. The response is bounded by
 * {@link #MAXIMUM_RESPONSE} (ServiceLogs of 10,000 long lines fits).
 */
public final class ControlClient {
  /** The largest response read: 16 MiB. */
  public static final int MAXIMUM_RESPONSE = 16 << 20;

  private ControlClient() {}

  /** Sends {@code request} (one JSON value) to the control socket at {@code socket}; the response without its newline. */
  public static String send(Path socket, String request) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      ByteBuffer out = ByteBuffer.wrap((request.strip() + "\n").getBytes(StandardCharsets.UTF_8));
      while (out.hasRemaining()) {
        channel.write(out);
      }
      ByteBuffer in = ByteBuffer.allocate(64 * 1024);
      java.io.ByteArrayOutputStream response = new java.io.ByteArrayOutputStream();
      while (channel.read(in) >= 0) {
        in.flip();
        response.write(in.array(), 0, in.limit());
        in.clear();
        if (response.size() > MAXIMUM_RESPONSE) {
          throw new IOException("the response is larger than " + MAXIMUM_RESPONSE + " bytes");
        }
      }
      return response.toString(StandardCharsets.UTF_8).strip();
    }
  }
}
