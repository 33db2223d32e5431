package dev.castellan.transport.internal;

import dev.castellan.transport.StreamAddress;
import dev.castellan.transport.StreamConnection;
import dev.castellan.transport.StreamListener;
import dev.castellan.transport.TimedOutException;
import dev.castellan.transport.TransportException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/** Raw TCP and Unix streams over JDK socket channels (blocking mode, virtual-thread friendly). */
public final class ChannelStreams {
  private ChannelStreams() {}

  public static StreamConnection connectTcp(StreamAddress.Tcp address, Duration timeout) throws TransportException {
    InetSocketAddress target = new InetSocketAddress(address.host(), address.port());
    if (target.isUnresolved()) {
      throw new TransportException("cannot resolve the host of " + address);
    }
    SocketChannel channel = null;
    try {
      channel = SocketChannel.open();
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.socket().connect(target, (int) Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE));
      return new ChannelStream(channel, address.toString());
    } catch (SocketTimeoutException e) {
      closeQuietly(channel);
      throw new TimedOutException("connect to " + address, timeout);
    } catch (ConnectException e) {
      closeQuietly(channel);
      throw new TransportException("nothing is listening on " + address + " (connection refused)", e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new TransportException("cannot connect to " + address + ": " + e.getMessage(), e);
    }
  }

  public static StreamConnection connectUnix(StreamAddress.Unix address) throws TransportException {
    SocketChannel channel = null;
    try {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(address.path()));
      return new ChannelStream(channel, address.toString());
    } catch (IOException e) {
      closeQuietly(channel);
      String reason = switch (e) {
        case IOException x when !Files.exists(address.path()) -> "no socket exists at " + address.path();
        case ConnectException c -> "nothing is listening on " + address.path() + " (connection refused)";
        default -> "cannot connect to " + address + ": " + e.getMessage();
      };
      throw new TransportException(reason, e);
    }
  }

  public static StreamListener listenTcp(StreamAddress.Tcp address, int backlog) throws TransportException {
    InetSocketAddress local = new InetSocketAddress(address.host(), address.port());
    if (local.isUnresolved()) {
      throw new TransportException("cannot resolve the host of " + address);
    }
    ServerSocketChannel channel = null;
    try {
      channel = ServerSocketChannel.open();
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(local, backlog);
      int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
      return new ChannelStreamListener(channel, new StreamAddress.Tcp(address.host(), port), null);
    } catch (BindException e) {
      closeQuietly(channel);
      throw new TransportException(address + " is already in use or not a local address (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new TransportException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
  }

  /**
   * Listens on a Unix socket that is owner-only from the start: bound inside a fresh 0700
   * directory beside the target, made 0600 there, then renamed into place, so there is no
   * moment at which another user could connect (the JDK binds and listens in one call).
   */
  public static StreamListener listenUnix(StreamAddress.Unix address, int backlog) throws TransportException {
    Path path = address.path().toAbsolutePath();
    UnixSocketFile.clearStale(path);
    ServerSocketChannel channel = null;
    Path privateDirectory = null;
    try {
      privateDirectory = Files.createTempDirectory(path.getParent(), ".castellan-");
      Path staging = privateDirectory.resolve("s");
      channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      channel.bind(UnixDomainSocketAddress.of(staging), backlog);
      Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rw-------"));
      Files.move(staging, path, StandardCopyOption.ATOMIC_MOVE);
      return new ChannelStreamListener(channel, address, UnixSocketFile.secure(path));
    } catch (IOException e) {
      closeQuietly(channel);
      throw new TransportException("cannot listen on " + address + ": " + e.getMessage(), e);
    } finally {
      if (privateDirectory != null) {
        try {
          Files.deleteIfExists(privateDirectory.resolve("s"));
          Files.deleteIfExists(privateDirectory);
        } catch (IOException ignored) {
          // an empty directory left beside the socket; the listener works regardless
        }
      }
    }
  }

  static void closeQuietly(java.nio.channels.Channel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing is best effort; the error that brought us here is reported
      }
    }
  }
}
