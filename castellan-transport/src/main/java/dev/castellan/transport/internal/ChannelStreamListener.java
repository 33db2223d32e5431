package dev.castellan.transport.internal;

import dev.castellan.transport.ConnectionClosedException;
import dev.castellan.transport.StreamAddress;
import dev.castellan.transport.StreamConnection;
import dev.castellan.transport.StreamListener;
import dev.castellan.transport.TransportException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A TCP {@link StreamListener} over a blocking {@link ServerSocketChannel}; close() wakes accept(). */
final class ChannelStreamListener implements StreamListener {
  private final ServerSocketChannel channel;
  private final StreamAddress address;

  ChannelStreamListener(ServerSocketChannel channel, StreamAddress address) {
    this.channel = channel;
    this.address = address;
  }

  @Override
  public StreamConnection accept() throws TransportException {
    try {
      SocketChannel accepted = channel.accept();
      accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
      InetSocketAddress remote = (InetSocketAddress) accepted.getRemoteAddress();
      return new ChannelStream(accepted, new StreamAddress.Tcp(remote.getAddress().getHostAddress(), remote.getPort()).toString());
    } catch (IOException e) {
      if (!channel.isOpen()) {
        throw new ConnectionClosedException("the listener on " + address + " is closed");
      }
      throw new TransportException("accept on " + address + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public StreamAddress address() {
    return address;
  }

  @Override
  public boolean blocksInNativeCode() {
    return false;
  }

  @Override
  public void close() {
    ChannelStreams.closeQuietly(channel);
  }
}
