package dev.castellan.runtime.init;

import dev.castellan.transport.StreamConnection;
import dev.castellan.transport.StreamSockets;
import dev.castellan.transport.TransportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The client side of the control protocol, as {@code nc -U} does it: one request line, then
 * the response up to the server's close, over the control socket's Unix socket or AF_VSOCK
 * address (the host reaching an enclave's init). The response is bounded by {@link
 * #MAXIMUM_RESPONSE} (ServiceLogs of 10,000 long lines fits).
 */
public final class ControlClient {
  /** The largest response read: 16 MiB. */
  public static final int MAXIMUM_RESPONSE = 16 << 20;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private ControlClient() {}

  /** Sends {@code request} (one JSON value) to the control socket at {@code address}; the response without its newline. */
  public static String send(ControlAddress address, String request) throws IOException {
    try (StreamConnection connection = StreamSockets.connect(address.streamAddress(), CONNECT_TIMEOUT)) {
      connection.write(ByteBuffer.wrap((request.strip() + "\n").getBytes(StandardCharsets.UTF_8)));
      ByteBuffer in = ByteBuffer.allocate(64 * 1024);
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      while (connection.read(in) >= 0) {
        in.flip();
        response.write(in.array(), 0, in.limit());
        in.clear();
        if (response.size() > MAXIMUM_RESPONSE) {
          throw new IOException("the response is larger than " + MAXIMUM_RESPONSE + " bytes");
        }
      }
      return response.toString(StandardCharsets.UTF_8).strip();
    } catch (TransportException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
