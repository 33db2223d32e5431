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
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/** Raw TCP streams over JDK socket channels (blocking mode, virtual-thread friendly). */
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
      return new ChannelStreamListener(channel, new StreamAddress.Tcp(address.host(), port));
    } catch (BindException e) {
      closeQuietly(channel);
      throw new TransportException(address + " is already in use or not a local address (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new TransportException("cannot listen on " + address + ": " + e.getMessage(), e);
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
