package dev.castellan.runtime.init;

import dev.castellan.transport.ConnectionClosedException;
import dev.castellan.transport.PeerIdentity;
import dev.castellan.transport.StreamAddress;
import dev.castellan.transport.StreamConnection;
import dev.castellan.transport.StreamListener;
import dev.castellan.transport.StreamSockets;
import dev.castellan.transport.TransportException;
import dev.castellan.transport.TransportOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Serves the {@link ControlProtocol} on a Unix socket or AF_VSOCK, as seed 003 drives it with
 * {@code echo '{"ListServices":{}}' | nc -U /run/init.sock}: one request per connection, a
 * JSON value ended by a newline or by the client shutting down its side; one response line;
 * then the server closes, which ends {@code nc}.
 *
 * <p>Security: the Unix socket file is mode 0600 (the transport makes it so before accepting)
 * and a peer whose {@code SO_PEERCRED} uid is neither ours nor root gets an error and nothing
 * else. A vsock peer has no uid: its CID is the hypervisor's word for which VM it is, and on a
 * Nitro Enclave only the parent instance can reach the enclave's vsock, so vsock peers are
 * accepted as that parent. A request is at most {@link #MAXIMUM_REQUEST} bytes and must
 * arrive within 5 s; at most 16 connections are served at once.
 */
public final class ControlServer implements AutoCloseable {
  /** The largest request: 64 KiB, room for a ProcessStart with a long argument list. */
  public static final int MAXIMUM_REQUEST = 64 * 1024;
  private static final TransportOptions OPTIONS = TransportOptions.DEFAULTS
      .withReadDeadline(Duration.ofSeconds(5)).withWriteDeadline(Duration.ofSeconds(5)).withMaximumConnections(16);

  private final StreamListener listener;
  private final ControlProtocol protocol;
  private final long uid;
  private final Consumer<String> diagnostics;
  private final Thread acceptor;
  private volatile boolean closed;

  private ControlServer(StreamListener listener, ControlProtocol protocol, long uid, Consumer<String> diagnostics) {
    this.listener = listener;
    this.protocol = protocol;
    this.uid = uid;
    this.diagnostics = diagnostics;
    this.acceptor = Thread.ofPlatform().daemon().name("castellan-init-control").unstarted(this::acceptLoop);
  }

  /** Listens on {@code address} and serves {@code protocol}; {@code diagnostics} hears about refused peers. */
  public static ControlServer start(ControlAddress address, ControlProtocol protocol, Consumer<String> diagnostics)
      throws InitException {
    StreamListener listener;
    try {
      listener = StreamSockets.listen(address.streamAddress(), OPTIONS);
    } catch (TransportException e) {
      throw new InitException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
    ControlServer server = new ControlServer(listener, protocol, ownUid(), diagnostics);
    server.acceptor.start();
    return server;
  }

  /** The address bound (with the port the kernel chose for vsock port -1). */
  public StreamAddress address() {
    return listener.address();
  }

  private static long ownUid() throws InitException {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    } catch (IOException | UnsupportedOperationException e) {
      throw new InitException("cannot tell this process's uid from /proc/self: " + e.getMessage(), e);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      StreamConnection connection;
      try {
        connection = listener.accept();
      } catch (ConnectionClosedException e) {
        return;
      } catch (TransportException e) {
        diagnostics.accept("control: " + e.getMessage());
        continue;
      }
      Thread.ofPlatform().daemon().name("castellan-init-control-connection").start(() -> serve(connection));
    }
  }

  private void serve(StreamConnection connection) {
    try (connection) {
      boolean shutdown = false;
      String response;
      if (!connection.identity().map(this::allowed).orElse(false)) {
        diagnostics.accept("control: refused " + connection.identity().map(Object::toString).orElse(connection.peer()));
        response = ControlProtocol.error("permission denied: the control socket serves its own user and root only");
      } else {
        String request = readRequest(connection.input());
        if (request == null) {
          response = ControlProtocol.error(String.format(Locale.ROOT,
              "request larger than %d bytes", MAXIMUM_REQUEST));
        } else {
          ControlProtocol.Reply reply = protocol.handle(request);
          response = reply.json();
          shutdown = reply.shutdown();
        }
      }
      connection.output().write((response + "\n").getBytes(StandardCharsets.UTF_8));
      connection.output().flush();
      connection.close();
      if (shutdown) {
        protocol.shutdown();
      }
    } catch (IOException e) {
      // the client went away or was too slow: nothing to answer
    } catch (RuntimeException e) {
      diagnostics.accept("control: request failed: " + e);
    }
  }

  private boolean allowed(PeerIdentity peer) {
    return switch (peer) {
      case PeerIdentity.Unix unix -> unix.uid() == uid || unix.uid() == 0;
      case PeerIdentity.Vsock vsock -> true;
      case PeerIdentity.Tls tls -> false;
    };
  }

  /** Bytes up to a newline or the end of input, as UTF-8; null if more than the maximum. */
  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (true) {
      int n = in.read(buffer, 0, buffer.length);
      if (n < 0) {
        break;
      }
      int newline = -1;
      for (int i = 0; i < n; i++) {
        if (buffer[i] == '\n') {
          newline = i;
          break;
        }
      }
      request.write(buffer, 0, newline < 0 ? n : newline);
      if (request.size() > MAXIMUM_REQUEST) {
        return null;
      }
      if (newline >= 0) {
        break;
      }
    }
    return request.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    closed = true;
    listener.close();
  }
}
